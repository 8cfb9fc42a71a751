import { listCustomersQuery } from '../customers/list-query.js';
import { customerEntity } from '../model/customer.js';
import { type RouteDefinition } from './route-definition.js';

/** Schemas behind getters: read when a request is validated (or the OpenAPI document is built), never at import. */
export const listCustomersRoute = {
  operationId: 'listCustomers',
  method: 'GET',
  path: '/api/v1/customers',
  entry: 'functions/customers/list.ts',
  scope: 'customers:read',
  summary: 'List customers',
  request: { query: listCustomersQuery },
  successStatus: 200,
  response: {
    envelope: 'list',
    get data() {
      return customerEntity.object;
    },
  },
} as const satisfies RouteDefinition;
