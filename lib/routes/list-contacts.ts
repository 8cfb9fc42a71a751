import { listContactsQuery } from '../contacts/list-query.js';
import { customerContactsPathParams } from '../contacts/path-params.js';
import { contactEntity } from '../model/contact.js';
import { customerPath, type RouteDefinition } from './route-definition.js';

/** Schemas behind getters: read when a request is validated (or the OpenAPI document is built), never at import. */
export const listContactsRoute = {
  operationId: 'listContacts',
  method: 'GET',
  path: '/api/v1/customers/{customerId}/contacts',
  entry: 'functions/contacts/list.ts',
  scope: 'customers:read',
  summary: 'List customer contacts',
  pathNames: customerPath,
  request: { params: customerContactsPathParams, query: listContactsQuery },
  successStatus: 200,
  response: {
    envelope: 'list',
    get data() {
      return contactEntity.object;
    },
  },
} as const satisfies RouteDefinition;
