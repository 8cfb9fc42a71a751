import { locationPathParams } from '../locations/path-params.js';
import { locationEntity } from '../model/location.js';
import { locationPath, type RouteDefinition } from './route-definition.js';

/** Schemas behind getters: read when a request is validated (or the OpenAPI document is built), never at import. */
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
  response: {
    envelope: 'item',
    get data() {
      return locationEntity.object;
    },
  },
} as const satisfies RouteDefinition;
