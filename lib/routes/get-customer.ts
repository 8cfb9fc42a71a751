import { getCustomerQuery } from '../customers/get-query.js';
import { customerPathParams } from '../customers/path-params.js';
import { customerDetailSchema } from '../customers/customer-detail-schema.js';
import { customerPath, type RouteDefinition } from './route-definition.js';

/** Schemas behind getters: read when a request is validated (or the OpenAPI document is built), never at import. */
export const getCustomerRoute = {
  operationId: 'getCustomer',
  method: 'GET',
  path: '/api/v1/customers/{customerId}',
  entry: 'functions/customers/get.ts',
  scope: 'customers:read',
  summary: 'Get a single customer',
  seedForm: '/api/v1/customers?id={customerId}',
  pathNames: customerPath,
  request: { params: customerPathParams, query: getCustomerQuery },
  successStatus: 200,
  response: {
    envelope: 'item',
    get data() {
      return customerDetailSchema();
    },
  },
} as const satisfies RouteDefinition;
