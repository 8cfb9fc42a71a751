import { customerPathParams } from '../customers/path-params.js';
import { customerSummary, updateCustomerBody } from '../customers/schema.js';
import { customerPath, type RouteDefinition } from './route-definition.js';

export const updateCustomerRoute = {
  operationId: 'updateCustomer',
  method: 'PUT',
  path: '/api/v1/customers/{customerId}',
  entry: 'functions/customers/update.ts',
  scope: 'customers:write',
  summary: 'Update a customer',
  seedForm: '/api/v1/customers?id={customerId}',
  pathNames: customerPath,
  request: { params: customerPathParams, body: updateCustomerBody },
  successStatus: 200,
  response: { envelope: 'write', data: customerSummary },
  errors: ['duplicate_customer'],
} as const satisfies RouteDefinition;
