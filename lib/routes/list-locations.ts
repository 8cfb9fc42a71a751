import { listLocationsQuery } from '../locations/list-query.js';
import { customerLocationsPathParams, locationObject } from '../locations/schema.js';
import { customerPath, type RouteDefinition } from './route-definition.js';

export const listLocationsRoute = {
  operationId: 'listLocations',
  method: 'GET',
  path: '/api/v1/customers/{customerId}/locations',
  entry: 'functions/locations/list.ts',
  scope: 'customers:read',
  summary: 'List customer locations',
  seedForm: '/api/v1/customers?id={customerId}&locations=1',
  pathNames: customerPath,
  request: { params: customerLocationsPathParams, query: listLocationsQuery },
  successStatus: 200,
  response: { envelope: 'list', data: locationObject },
} as const satisfies RouteDefinition;
