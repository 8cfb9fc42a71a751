// Builds the customer body: its schemas must be loaded (lib/model/customer-schemas.ts).
import '../model/customer-schemas.js';
import { customerSummarySchema } from '../customers/responses.js';
import { customerEntity } from '../model/customer.js';
import { type RouteDefinition } from './route-definition.js';

/** Schemas behind getters: read when a request is validated (or the OpenAPI document is built), never at import. */
export const createCustomerRoute = {
  operationId: 'createCustomer',
  method: 'POST',
  path: '/api/v1/customers',
  entry: 'functions/customers/create.ts',
  scope: 'customers:write',
  summary: 'Create a customer',
  request: {
    get body() {
      return customerEntity.createBody;
    },
  },
  successStatus: 201,
  response: {
    envelope: 'write',
    get data() {
      return customerSummarySchema();
    },
  },
  errors: ['duplicate_customer'],
} as const satisfies RouteDefinition;
