import { customerTagPathParams, customerTagsSchema } from '../customers/tag-requests.js';
import { customerPath, type RouteDefinition } from './route-definition.js';

/** Schemas behind getters: read when a request is validated (or the OpenAPI document is built), never at import. */
export const addCustomerTagRoute = {
  operationId: 'addCustomerTag',
  method: 'PUT',
  path: '/api/v1/customers/{customerId}/tags/{tag}',
  entry: 'functions/tags/add.ts',
  scope: 'customers:write',
  summary: 'Add a tag to a customer',
  pathNames: customerPath,
  request: { params: customerTagPathParams },
  successStatus: 200,
  /** 409: the customer already carries the most tags allowed (20). */
  errors: ['conflict'],
  response: {
    envelope: 'write',
    get data() {
      return customerTagsSchema();
    },
  },
} as const satisfies RouteDefinition;
