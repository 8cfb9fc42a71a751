import { listCustomersQuery } from '../customers/list-query.js';
import { customerObject } from '../customers/schema.js';
import { type RouteDefinition } from './route-definition.js';

export const listCustomersRoute = {
  operationId: 'listCustomers',
  method: 'GET',
  path: '/api/v1/customers',
  entry: 'functions/customers/list.ts',
  scope: 'customers:read',
  summary: 'List customers',
  request: { query: listCustomersQuery },
  successStatus: 200,
  response: { envelope: 'list', data: customerObject },
} as const satisfies RouteDefinition;
