import { bulkStatusBody, bulkStatusResult } from '../customers/lifecycle-requests.js';
import { type RouteDefinition } from './route-definition.js';

export const deactivateCustomersRoute = {
  operationId: 'deactivateCustomers',
  method: 'POST',
  path: '/api/v1/customers/deactivate',
  entry: 'functions/customers/deactivate.ts',
  scope: 'customers:write',
  summary: 'Deactivate customers in bulk (status inactive), up to 100 ids',
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
