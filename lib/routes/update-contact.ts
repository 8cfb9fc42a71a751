import { contactPathParams } from '../contacts/path-params.js';
import { contactEntity } from '../model/contact.js';
// The update body is built from the contact's schemas: load them.
import '../model/contact-schemas.js';
import { contactPath, type RouteDefinition } from './route-definition.js';

/** Schemas behind getters: read when a request is validated (or the OpenAPI document is built), never at import. */
export const updateContactRoute = {
  operationId: 'updateContact',
  method: 'PUT',
  path: '/api/v1/customers/{customerId}/contacts/{contactId}',
  entry: 'functions/contacts/update.ts',
  scope: 'customers:write',
  summary: 'Update a contact',
  pathNames: contactPath,
  request: {
    params: contactPathParams,
    get body() {
      return contactEntity.updateBody;
    },
  },
  successStatus: 200,
  response: {
    envelope: 'write',
    get data() {
      return contactEntity.object;
    },
  },
} as const satisfies RouteDefinition;
