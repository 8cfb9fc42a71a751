import { contactPathParams } from '../contacts/path-params.js';
import { contactPath, type RouteDefinition } from './route-definition.js';

export const deleteContactRoute = {
  operationId: 'deleteContact',
  method: 'DELETE',
  path: '/api/v1/customers/{customerId}/contacts/{contactId}',
  entry: 'functions/contacts/delete.ts',
  scope: 'customers:write',
  summary: 'Delete a contact',
  pathNames: contactPath,
  request: { params: contactPathParams },
  successStatus: 200,
  response: { envelope: 'deleted' },
} as const satisfies RouteDefinition;
