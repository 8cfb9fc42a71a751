import { locationPathParams } from '../locations/path-params.js';
import { locationEntity } from '../model/location.js';
import { locationPath, type RouteDefinition } from './route-definition.js';

/** Schemas behind getters: read when a request is validated (or the OpenAPI document is built), never at import. */
export const updateLocationRoute = {
  operationId: 'updateLocation',
  method: 'PUT',
  path: '/api/v1/customers/{customerId}/locations/{locationId}',
  entry: 'functions/locations/update.ts',
  scope: 'customers:write',
  summary: 'Update a location',
  seedForm: '/api/v1/customers?id={customerId}&locations=1&location_id={locationId}',
  pathNames: locationPath,
  request: {
    params: locationPathParams,
    get body() {
      return locationEntity.updateBody;
    },
  },
  successStatus: 200,
  response: {
    envelope: 'write',
    get data() {
      return locationEntity.object;
    },
  },
} as const satisfies RouteDefinition;
