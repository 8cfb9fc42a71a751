import { locationObject, locationPathParams, updateLocationBody } from '../locations/schema.js';
import { locationPath, type RouteDefinition } from './route-definition.js';

export const updateLocationRoute = {
  operationId: 'updateLocation',
  method: 'PUT',
  path: '/api/v1/customers/{customerId}/locations/{locationId}',
  entry: 'functions/locations/update.ts',
  scope: 'customers:write',
  summary: 'Update a location',
  seedForm: '/api/v1/customers?id={customerId}&locations=1&location_id={locationId}',
  pathNames: locationPath,
  request: { params: locationPathParams, body: updateLocationBody },
  successStatus: 200,
  response: { envelope: 'write', data: locationObject },
} as const satisfies RouteDefinition;
