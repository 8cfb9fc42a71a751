import { listLocationsQuery } from '../locations/list-query.js';
import { customerLocationsPathParams } from '../locations/path-params.js';
import { locationEntity } from '../model/location.js';
import { customerPath, type RouteDefinition } from './route-definition.js';

/** Schemas behind getters: read when a request is validated (or the OpenAPI document is built), never at import. */
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
  response: {
    envelope: 'list',
    get data() {
      return locationEntity.object;
    },
  },
} as const satisfies RouteDefinition;
