import { createLocationBody, customerLocationsPathParams, locationObject } from '../locations/schema.js';
import { customerPath, type RouteDefinition } from './route-definition.js';

export const createLocationRoute = {
  operationId: 'createLocation',
  method: 'POST',
  path: '/api/v1/customers/{customerId}/locations',
  entry: 'functions/locations/create.ts',
  scope: 'customers:write',
  summary: 'Create a location',
  seedForm: '/api/v1/customers?id={customerId}&locations=1',
  pathNames: customerPath,
  request: { params: customerLocationsPathParams, body: createLocationBody },
  successStatus: 201,
  response: { envelope: 'write', data: locationObject },
} as const satisfies RouteDefinition;
