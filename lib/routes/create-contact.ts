import { customerContactsPathParams } from '../contacts/path-params.js';
import { contactEntity } from '../model/contact.js';
import { createContactBody } from '../model/contact-create-body.js';
import { customerPath, type RouteDefinition } from './route-definition.js';

/** Schemas behind getters: read when a request is validated (or the OpenAPI document is built), never at import. */
export const createContactRoute = {
  operationId: 'createContact',
  method: 'POST',
  path: '/api/v1/customers/{customerId}/contacts',
  entry: 'functions/contacts/create.ts',
  scope: 'customers:write',
  summary: 'Create a contact',
  pathNames: customerPath,
  request: {
    params: customerContactsPathParams,
    get body() {
      return createContactBody();
    },
  },
  successStatus: 201,
  /** 409: the customer has the most contacts allowed (50). */
  errors: ['conflict'],
  response: {
    envelope: 'write',
    get data() {
      return contactEntity.object;
    },
  },
} as const satisfies RouteDefinition;
