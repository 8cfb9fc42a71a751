// Builds the customer body: its schemas must be loaded (lib/model/customer-schemas.ts).
import '../model/customer-schemas.js';
import { customerPathParams } from '../customers/path-params.js';
import { customerSummarySchema } from '../customers/responses.js';
import { customerEntity } from '../model/customer.js';
import { customerPath, type RouteDefinition } from './route-definition.js';

/** Schemas behind getters: read when a request is validated (or the OpenAPI document is built), never at import. */
export const updateCustomerRoute = {
  operationId: 'updateCustomer',
  method: 'PUT',
  path: '/api/v1/customers/{customerId}',
  entry: 'functions/customers/update.ts',
  scope: 'customers:write',
  summary: 'Update a customer',
  seedForm: '/api/v1/customers?id={customerId}',
  pathNames: customerPath,
  request: {
    params: customerPathParams,
    get body() {
      return customerEntity.updateBody;
    },
  },
  successStatus: 200,
  response: {
    envelope: 'write',
    get data() {
      return customerSummarySchema();
    },
  },
  errors: ['duplicate_customer'],
} as const satisfies RouteDefinition;
