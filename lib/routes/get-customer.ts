import { customerDetail, getCustomerQuery } from '../customers/customer-detail.js';
import { customerPathParams } from '../customers/path-params.js';
import { customerPath, type RouteDefinition } from './route-definition.js';

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
  response: { envelope: 'item', data: customerDetail },
} as const satisfies RouteDefinition;
