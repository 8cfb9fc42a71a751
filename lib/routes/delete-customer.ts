import { deleteCustomerQuery } from '../customers/lifecycle-requests.js';
import { customerPathParams } from '../customers/path-params.js';
import { customerPath, type RouteDefinition } from './route-definition.js';

export const deleteCustomerRoute = {
  operationId: 'deleteCustomer',
  method: 'DELETE',
  path: '/api/v1/customers/{customerId}',
  entry: 'functions/customers/delete.ts',
  scope: 'customers:write',
  tableAccess: 'erase',
  summary: 'Move a customer to the trash, or erase a trashed one (purge=1)',
  seedForm: '/api/v1/customers?id={customerId}',
  pathNames: customerPath,
  request: { params: customerPathParams, query: deleteCustomerQuery },
  successStatus: 200,
  response: { envelope: 'deleted' },
  errors: ['conflict'],
} as const satisfies RouteDefinition;
