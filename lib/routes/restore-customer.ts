import { customerPathParams } from '../customers/path-params.js';
import { customerEntity } from '../model/customer.js';
import { customerPath, type RouteDefinition } from './route-definition.js';

export const restoreCustomerRoute = {
  operationId: 'restoreCustomer',
  method: 'POST',
  path: '/api/v1/customers/{customerId}/restore',
  entry: 'functions/customers/restore.ts',
  scope: 'customers:write',
  summary: 'Restore a customer from the trash',
  pathNames: customerPath,
  request: { params: customerPathParams },
  successStatus: 200,
  response: {
    envelope: 'write',
    get data() {
      return customerEntity.object;
    },
  },
  errors: ['conflict'],
} as const satisfies RouteDefinition;
