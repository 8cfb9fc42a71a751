import { locationPathParams } from '../locations/path-params.js';
import { locationPath, type RouteDefinition } from './route-definition.js';

export const deleteLocationRoute = {
  operationId: 'deleteLocation',
  method: 'DELETE',
  path: '/api/v1/customers/{customerId}/locations/{locationId}',
  entry: 'functions/locations/delete.ts',
  scope: 'customers:write',
  summary: 'Delete a location',
  seedForm: '/api/v1/customers?id={customerId}&locations=1&location_id={locationId}',
  pathNames: locationPath,
  request: { params: locationPathParams },
  successStatus: 200,
  response: { envelope: 'deleted' },
} as const satisfies RouteDefinition;
