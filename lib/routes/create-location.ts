import { customerLocationsPathParams } from '../locations/path-params.js';
import { locationEntity } from '../model/location.js';
import { customerPath, type RouteDefinition } from './route-definition.js';

/** Schemas behind getters: read when a request is validated (or the OpenAPI document is built), never at import. */
export const createLocationRoute = {
  operationId: 'createLocation',
  method: 'POST',
  path: '/api/v1/customers/{customerId}/locations',
  entry: 'functions/locations/create.ts',
  scope: 'customers:write',
  summary: 'Create a location',
  seedForm: '/api/v1/customers?id={customerId}&locations=1',
  pathNames: customerPath,
  request: {
    params: customerLocationsPathParams,
    get body() {
      return locationEntity.createBody;
    },
  },
  successStatus: 201,
  response: {
    envelope: 'write',
    get data() {
      return locationEntity.object;
    },
  },
} as const satisfies RouteDefinition;
