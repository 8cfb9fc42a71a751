import { contactPathParams } from '../contacts/path-params.js';
import { contactEntity } from '../model/contact.js';
import { contactPath, type RouteDefinition } from './route-definition.js';

/** Schemas behind getters: read when a request is validated (or the OpenAPI document is built), never at import. */
export const getContactRoute = {
  operationId: 'getContact',
  method: 'GET',
  path: '/api/v1/customers/{customerId}/contacts/{contactId}',
  entry: 'functions/contacts/get.ts',
  scope: 'customers:read',
  summary: 'Get a single contact',
  pathNames: contactPath,
  request: { params: contactPathParams },
  successStatus: 200,
  response: {
    envelope: 'item',
    get data() {
      return contactEntity.object;
    },
  },
} as const satisfies RouteDefinition;
