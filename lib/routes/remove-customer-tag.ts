import { customerTagPathParams, customerTagsSchema } from '../customers/tag-requests.js';
import { customerPath, type RouteDefinition } from './route-definition.js';

/** Schemas behind getters: read when a request is validated (or the OpenAPI document is built), never at import. */
export const removeCustomerTagRoute = {
  operationId: 'removeCustomerTag',
  method: 'DELETE',
  path: '/api/v1/customers/{customerId}/tags/{tag}',
  entry: 'functions/tags/remove.ts',
  scope: 'customers:write',
  summary: 'Remove a tag from a customer',
  pathNames: customerPath,
  request: { params: customerTagPathParams },
  successStatus: 200,
  response: {
    envelope: 'write',
    get data() {
      return customerTagsSchema();
    },
  },
} as const satisfies RouteDefinition;
