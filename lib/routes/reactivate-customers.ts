import { bulkStatusBody, bulkStatusResult } from '../customers/lifecycle-requests.js';
import { type RouteDefinition } from './route-definition.js';

export const reactivateCustomersRoute = {
  operationId: 'reactivateCustomers',
  method: 'POST',
  path: '/api/v1/customers/reactivate',
  entry: 'functions/customers/reactivate.ts',
  scope: 'customers:write',
  summary: 'Reactivate customers in bulk (status active), up to 100 ids',
  request: {
    get body() {
      return bulkStatusBody();
    },
  },
  successStatus: 200,
  response: {
    envelope: 'write',
    get data() {
      return bulkStatusResult();
    },
  },
} as const satisfies RouteDefinition;
