import { locationObject, locationPathParams } from '../locations/schema.js';
import { locationPath, type RouteDefinition } from './route-definition.js';

export const getLocationRoute = {
  operationId: 'getLocation',
  method: 'GET',
  path: '/api/v1/customers/{customerId}/locations/{locationId}',
  entry: 'functions/locations/get.ts',
  scope: 'customers:read',
  summary: 'Get a single location',
  seedForm: '/api/v1/customers?id={customerId}&locations=1&location_id={locationId}',
  pathNames: locationPath,
  request: { params: locationPathParams },
  successStatus: 200,
  response: { envelope: 'item', data: locationObject },
} as const satisfies RouteDefinition;
