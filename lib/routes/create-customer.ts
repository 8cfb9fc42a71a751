import { createCustomerBody, customerSummary } from '../customers/schema.js';
import { type RouteDefinition } from './route-definition.js';

export const createCustomerRoute = {
  operationId: 'createCustomer',
  method: 'POST',
  path: '/api/v1/customers',
  entry: 'functions/customers/create.ts',
  scope: 'customers:write',
  summary: 'Create a customer',
  request: { body: createCustomerBody },
  successStatus: 201,
  response: { envelope: 'write', data: customerSummary },
  errors: ['duplicate_customer'],
} as const satisfies RouteDefinition;
