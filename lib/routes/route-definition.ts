import type * as z from 'zod/mini';
import type { Scope } from '../api-keys/api-keys.js';
import type { ErrorCode } from '../errors.js';

/** What one route is: one module per route (./<operation>.ts), so a function bundles only its own schemas. */

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
  /**
   * 'erase': the route also deletes items in batches (BatchWriteItem), beyond
   * what its scope grants: a purge erases a customer's items, however many.
   */
  tableAccess?: 'erase';
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

/** What each path parameter names (a malformed or unknown id answers 404 "<name> not found"). */
export const customerPath = { customerId: 'Customer' } as const;
export const locationPath = { customerId: 'Customer', locationId: 'Location' } as const;
export const notePath = { customerId: 'Customer', noteId: 'Note' } as const;
export const contactPath = { customerId: 'Customer', contactId: 'Contact' } as const;

