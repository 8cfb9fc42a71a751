import type * as z from 'zod/mini';
import type { Scope } from './api-keys/api-keys.js';
import type { ErrorCode } from './errors.js';
import {
  createCustomerBody,
  customerDetail,
  customerObject,
  customerPathParams,
  customerSummary,
  getCustomerQuery,
  listCustomersQuery,
  updateCustomerBody,
} from './customers/schema.js';
import {
  createLocationBody,
  customerLocationsPathParams,
  listLocationsQuery,
  locationObject,
  locationPathParams,
  updateLocationBody,
} from './locations/schema.js';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE';

export interface RouteDefinition {
  /** Stable name: the OpenAPI operationId and the CDK construct id. */
  operationId: string;
  method: HttpMethod;
  /** REST path under the API root, with {param} placeholders (API Gateway syntax). */
  path: string;
  /** Handler module, relative to the repository root. */
  entry: string;
  /**
   * Scope the API key must carry; also decides the function's table grant
   * (customers:read → read-only, customers:write → read-write). null: a public
   * route (no key, no table access), e.g. the API docs.
   */
  scope: Scope | null;
  summary: string;
  /** The seed-000 query-string form of this route, if it has one (documentation). */
  seedForm?: string;
  /** What each path parameter names, in path order: a malformed id answers 404 "<name> not found". */
  pathNames?: Readonly<Record<string, string>>;
  request: {
    params?: z.core.$ZodType;
    query?: z.core.$ZodType;
    body?: z.core.$ZodType;
  };
  /** Status of a successful response. */
  successStatus: number;
  /**
   * The success body, for the OpenAPI document and the contract tests (which
   * reject fields it does not list). Envelopes, each with request_id:
   * list → { data: [data], pagination }; item → { data };
   * write → { success: true, message, data }; deleted → { success: true, message }.
   */
  response?: { envelope: 'list' | 'item' | 'write' | 'deleted'; data?: z.core.$ZodType };
  /** Domain errors the route can answer beyond those its shape implies (auth, validation, 404 on ids, 413/415, 5xx). */
  errors?: readonly ErrorCode[];
}

const customerPath = { customerId: 'Customer' } as const;
const locationPath = { customerId: 'Customer', locationId: 'Location' } as const;

/**
 * The one route table. It drives the CDK stack (a function and an API route
 * per entry), the local HTTP server and the OpenAPI document. Adding an
 * endpoint is one handler file plus one entry here.
 */
export const routes = {
  listCustomers: {
    operationId: 'listCustomers',
    method: 'GET',
    path: '/api/v1/customers',
    entry: 'functions/customers/list.ts',
    scope: 'customers:read',
    summary: 'List customers',
    request: { query: listCustomersQuery },
    successStatus: 200,
    response: { envelope: 'list', data: customerObject },
  },
  getCustomer: {
    operationId: 'getCustomer',
    method: 'GET',
    path: '/api/v1/customers/{customerId}',
    entry: 'functions/customers/get.ts',
    scope: 'customers:read',
    summary: 'Get a single customer',
    seedForm: '/api/v1/customers?id={customerId}',
    pathNames: customerPath,
    request: { params: customerPathParams, query: getCustomerQuery },
    successStatus: 200,
    response: { envelope: 'item', data: customerDetail },
  },
  createCustomer: {
    operationId: 'createCustomer',
    method: 'POST',
    path: '/api/v1/customers',
    entry: 'functions/customers/create.ts',
    scope: 'customers:write',
    summary: 'Create a customer',
    request: { body: createCustomerBody },
    successStatus: 201,
    response: { envelope: 'write', data: customerSummary },
    errors: ['duplicate_customer'],
  },
  updateCustomer: {
    operationId: 'updateCustomer',
    method: 'PUT',
    path: '/api/v1/customers/{customerId}',
    entry: 'functions/customers/update.ts',
    scope: 'customers:write',
    summary: 'Update a customer',
    seedForm: '/api/v1/customers?id={customerId}',
    pathNames: customerPath,
    request: { params: customerPathParams, body: updateCustomerBody },
    successStatus: 200,
    response: { envelope: 'write', data: customerSummary },
    errors: ['duplicate_customer'],
  },
  listLocations: {
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
  },
  createLocation: {
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
  },
  getLocation: {
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
  },
  updateLocation: {
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
  },
  deleteLocation: {
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
  },
} as const satisfies Record<string, RouteDefinition>;

export type RouteName = keyof typeof routes;
export const routeList: readonly RouteDefinition[] = Object.values(routes);

/** Matches a method and REST path against the table: the route, 'method_not_allowed', or undefined. */
export function matchRoute(
  method: string,
  path: string,
): { route: RouteDefinition; params: Record<string, string> } | 'method_not_allowed' | undefined {
  let pathMatched = false;
  for (const route of routeList) {
    const params = matchPath(route.path, path);
    if (!params) continue;
    pathMatched = true;
    if (route.method === method.toUpperCase()) return { route, params };
  }
  return pathMatched ? 'method_not_allowed' : undefined;
}

function matchPath(template: string, path: string): Record<string, string> | undefined {
  const t = template.split('/');
  // One trailing slash is tolerated (`/customers/1/`); an empty segment anywhere else matches nothing.
  const p = path.replace(/\/$/, '').split('/');
  if (t.length !== p.length) return undefined;
  const params: Record<string, string> = {};
  for (let i = 0; i < t.length; i++) {
    const seg = t[i]!;
    if (seg.startsWith('{') && seg.endsWith('}')) {
      if (!p[i]) return undefined;
      try {
        params[seg.slice(1, -1)] = decodeURIComponent(p[i]!);
      } catch {
        // Malformed percent-encoding: still this route; its id schema rejects the value (404 not_found).
        params[seg.slice(1, -1)] = p[i]!;
      }
    } else if (seg !== p[i]) return undefined;
  }
  return params;
}

/** Methods allowed on a path (for the Allow header of a 405). */
export function methodsForPath(path: string): HttpMethod[] {
  return routeList.filter((r) => matchPath(r.path, path)).map((r) => r.method);
}
