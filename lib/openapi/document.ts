import { z } from 'zod';
import {
  createDocument,
  type ZodOpenApiOperationObject,
  type ZodOpenApiPathsObject,
  type ZodOpenApiResponseObject,
  type ZodOpenApiResponsesObject,
} from 'zod-openapi';
import type { ErrorCode } from '../errors.js';
import { statusOf } from '../http/error-status.js';
import { maxBodyBytes } from '../http/middleware/body-limits.js';
import { routeList, type RouteDefinition } from '../routes.js';
import { errorEnvelope, gatewayMessage, requestIdPattern, successEnvelope } from './envelopes.js';
import { registerSchemaDocs } from './schema-docs.js';
import { errorExamples, fieldDescriptions, seedExamples, tagDescriptions } from './seed-text.js';

/**
 * The OpenAPI 3.1 document, generated from the route table and the zod
 * schemas it references (zod-openapi: request schemas render on their input
 * side, responses on their output side). Nothing here names an endpoint:
 * a route added to lib/routes.ts appears without an edit.
 */

export type OpenApiDocument = ReturnType<typeof createDocument>;

/** The document as committed in docs/openapi.json and served at /openapi.json. */
export const serializeDocument = (document: OpenApiDocument) => `${JSON.stringify(document, null, 2)}\n`;

export const apiKeySchemeName = 'ApiKey';

const requestIdHeader = z.string().max(64).regex(new RegExp(requestIdPattern));

/** Seconds to wait; the edge's rate window is at most minutes, so an hour bounds it. */
const retryAfterHeader = z.number().int().min(1).max(3600);

/**
 * Who answers a status decides its headers: the functions always set
 * X-Request-Id; the gateway (413 over 10 MB) and the edge (429) do not.
 */
function responseHeaders(status: number) {
  const fromFunction = status !== 413 && status !== 429;
  return z.object({
    'X-Request-Id': (fromFunction ? requestIdHeader : requestIdHeader.optional()).meta({
      description: fromFunction
        ? 'Id of this request (the request_id of the body); a sane X-Request-Id sent by the caller is kept'
        : status === 429
          ? 'Absent when the edge answers (the rate limit is applied before any function runs)'
          : 'Absent when the API gateway itself answers',
    }),
    ...(status === 429
      ? { 'Retry-After': retryAfterHeader.meta({ description: 'Seconds to wait before the next request with this API key' }) }
      : {}),
    ...(status === 503
      ? { 'Retry-After': retryAfterHeader.optional().meta({ description: 'Seconds to wait before retrying, when known; otherwise retry with backoff' }) }
      : {}),
  });
}

const pascal = (s: string) => s.replace(/(^|_)([a-z])/g, (_m, _u, c: string) => c.toUpperCase());

/** Error codes a route can answer, derived from its shape plus its declared domain errors. */
export function errorCodesOf(route: RouteDefinition): ErrorCode[] {
  const codes = new Set<ErrorCode>();
  // Every route refuses unknown and repeated query parameters, so every route can answer 400.
  codes.add('validation_failed');
  for (const code of route.errors ?? []) codes.add(code);
  if (route.scope) {
    codes.add('unauthorized');
    codes.add('forbidden');
    // The edge's rate rule is keyed on the API key.
    codes.add('rate_limited');
  }
  if (route.request.params) codes.add('not_found');
  if (route.request.body) {
    codes.add('payload_too_large');
    codes.add('unsupported_media_type');
  }
  codes.add('internal_error');
  codes.add('service_unavailable');
  return [...codes];
}

const errorWhen: Partial<Record<ErrorCode, string>> = {
  validation_failed: 'missing or invalid fields or query parameters, unknown fields, malformed JSON',
  duplicate_customer: "the e-mail or customer_number is already used by another of the tenant's customers (trashed ones included)",
  conflict: 'the customer is not in a state that allows this (restore of a customer not in the trash or being erased; purge of a customer not in the trash)',
  unauthorized: 'no key, unknown key or revoked key',
  forbidden: 'the key lacks the scope of the operation, or the request bypassed the public endpoint',
  not_found: 'the customer or location does not exist for this tenant (or the id is malformed)',
  payload_too_large: `body over ${maxBodyBytes} bytes`,
  unsupported_media_type: 'a body that is not JSON, or not UTF-8',
  internal_error: 'an unexpected failure (never with internal detail)',
  rate_limited: 'too many requests with this API key: wait for Retry-After seconds',
  service_unavailable: 'the database throttles or is unreachable, or a record kept changing under the write: retry shortly (after Retry-After seconds when given)',
  route_not_found: 'no such path',
  method_not_allowed: 'the path exists under another method (see the Allow header)',
};

/** One shared response component per set of error codes, so operations reference rather than repeat them. */
function errorResponse(codes: ErrorCode[], cache: Map<string, ZodOpenApiResponseObject>): ZodOpenApiResponseObject {
  const id = codes.map(pascal).join('Or');
  let response = cache.get(id);
  if (!response) {
    const status = statusOf[codes[0]!];
    const envelope = errorEnvelope(codes);
    const fromGateway = status === 413;
    response = {
      id,
      description: codes.map((c) => `\`${c}\`: ${errorWhen[c] ?? c}`).join('; '),
      headers: responseHeaders(status),
      content: {
        'application/json': {
          schema: fromGateway ? z.union([envelope, gatewayMessage]) : envelope,
          examples: Object.fromEntries(
            codes
              .filter((c) => errorExamples[c])
              .map((c) => [c, { summary: c, value: { success: false, error: { code: c, ...errorExamples[c] }, request_id: 'a1b2c3d4e5f6' } }]),
          ),
        },
      },
    };
    cache.set(id, response);
  }
  return response;
}

function operationOf(route: RouteDefinition, errorCache: Map<string, ZodOpenApiResponseObject>): ZodOpenApiOperationObject {
  const examples = seedExamples[`${route.method} ${route.path}`];
  const responses: ZodOpenApiResponsesObject = {
    [String(route.successStatus)]: {
      description: route.summary,
      headers: responseHeaders(route.successStatus),
      content: {
        'application/json': {
          schema: successEnvelope(route).meta({ id: `${pascal(route.operationId)}Response` }),
          ...(examples ? { examples: { example: { summary: 'Example', value: examples.response } } } : {}),
        },
      },
    },
  };
  const byStatus = new Map<number, ErrorCode[]>();
  for (const code of errorCodesOf(route)) {
    const status = statusOf[code];
    byStatus.set(status, [...(byStatus.get(status) ?? []), code]);
  }
  for (const [status, codes] of [...byStatus].sort(([a], [b]) => a - b)) {
    (responses as Record<string, ZodOpenApiResponseObject>)[String(status)] = errorResponse(codes, errorCache);
  }

  const lines = [
    route.scope ? `Requires an API key with the \`${route.scope}\` scope.` : 'Public: no API key needed.',
    ...(route.seedForm
      ? [`Also answered at the seed-000 URL \`${route.method} ${route.seedForm}\` (rewritten to this path at the edge; other query parameters pass through).`]
      : []),
  ];
  return {
    operationId: route.operationId,
    summary: route.summary,
    description: lines.join('\n\n'),
    tags: [tagOf(route.path)],
    security: route.scope ? [{ [apiKeySchemeName]: [route.scope] }] : [],
    ...(route.scope ? { 'x-required-scope': route.scope } : {}),
    ...(route.seedForm ? { 'x-seed-form': `${route.method} ${route.seedForm}` } : {}),
    ...(route.request.params || route.request.query
      ? {
          requestParams: {
            ...(route.request.params ? { path: route.request.params as z.ZodObject } : {}),
            ...(route.request.query ? { query: route.request.query as z.ZodObject } : {}),
          },
        }
      : {}),
    ...(route.request.body
      ? {
          requestBody: {
            required: true,
            content: {
              'application/json': {
                schema: route.request.body,
                ...(examples?.request ? { examples: { example: { summary: 'Example', value: examples.request } } } : {}),
              },
            },
          },
        }
      : {}),
    responses,
  };
}

/**
 * The last collection of a path names its resource: /customers/{id}/locations → Locations. Collections are
 * plural; an action on one (/customers/{id}/restore, /customers/deactivate) belongs to its collection.
 */
function tagOf(path: string): string {
  const literal = path.split('/').filter((s) => s && !s.startsWith('{') && s.endsWith('s')).at(-1) ?? 'api';
  return literal.charAt(0).toUpperCase() + literal.slice(1);
}

function introduction(routes: readonly RouteDefinition[]): string {
  const seedRows = routes
    .filter((r) => r.seedForm)
    .map((r) => `| \`${r.method} ${r.seedForm}\` | \`${r.method} ${r.path}\` |`);
  const errorRows = (Object.keys(statusOf) as ErrorCode[]).map((c) => `| ${statusOf[c]} | \`${c}\` | ${errorWhen[c] ?? ''} |`);
  return [
    "Customers and service locations of a field-service business. Every API key belongs to one company (tenant); no request ever sees another tenant's data.",
    '',
    '## Authentication',
    'Send the key in the `X-API-Key` header. Keys carry the scopes `customers:read` and/or `customers:write`; each operation names the one it needs. A missing or unknown key is 401, a key without the scope is 403.',
    '',
    '## Two URL styles',
    'The operations are documented at their REST paths. The query-string URLs of seed 000 keep working byte for byte: the edge rewrites them to the REST path before routing, and every other query parameter passes through. Each such operation carries its seed form in `x-seed-form`.',
    '',
    '| seed-000 URL | REST path |',
    '| --- | --- |',
    ...seedRows,
    '',
    '## Envelopes',
    'Lists answer `{ data: [...], pagination, request_id }`; a single record `{ data, request_id }`; writes `{ success: true, message, data, request_id }`. Every response carries `request_id` in the body and the `X-Request-Id` header.',
    '',
    '## Errors',
    'Every error has one envelope: `{ success: false, error: { code, message, details? }, request_id }`.',
    '',
    '| status | code | when |',
    '| --- | --- | --- |',
    ...errorRows,
    '',
    'A path that does not exist answers 404 `route_not_found`; a path that exists under another method answers 405 `method_not_allowed` with an `Allow` header.',
    '',
    '## Rate limits',
    'Requests are counted per API key at the edge. Over the limit, every operation answers 429 `rate_limited` with a `Retry-After` header (seconds) and the error envelope. A 503 `service_unavailable` may also carry `Retry-After`; without it, retry with exponential backoff.',
  ].join('\n');
}

/** Adds the seed's description to every property and parameter that has none. */
function describeFields(node: unknown): void {
  if (Array.isArray(node)) return node.forEach(describeFields);
  if (!node || typeof node !== 'object') return;
  const obj = node as Record<string, unknown>;
  if (typeof obj.in === 'string' && typeof obj.name === 'string' && obj.description === undefined && fieldDescriptions[obj.name]) {
    obj.description = fieldDescriptions[obj.name];
  }
  if (obj.properties && typeof obj.properties === 'object') {
    for (const [name, prop] of Object.entries(obj.properties as Record<string, Record<string, unknown>>)) {
      if (prop && typeof prop === 'object' && prop.description === undefined && fieldDescriptions[name]) {
        prop.description = fieldDescriptions[name];
      }
    }
  }
  for (const value of Object.values(obj)) describeFields(value);
}

const int32 = { min: -(2 ** 31), max: 2 ** 31 - 1 };

/**
 * Gives every integer schema its width (OWASP API4 integer-format): int32 when
 * its bounds fit, else int64 — ids (up to 10 digits) and unbounded counts.
 */
function formatIntegers(node: unknown): void {
  if (Array.isArray(node)) return node.forEach(formatIntegers);
  if (!node || typeof node !== 'object') return;
  const obj = node as Record<string, unknown>;
  const types = Array.isArray(obj.type) ? obj.type : [obj.type];
  if (types.includes('integer') && obj.format === undefined) {
    const fits = (v: unknown) => typeof v === 'number' && v >= int32.min && v <= int32.max;
    obj.format = fits(obj.minimum ?? obj.exclusiveMinimum) && fits(obj.maximum ?? obj.exclusiveMaximum) ? 'int32' : 'int64';
  }
  for (const [key, value] of Object.entries(obj)) if (key !== 'example' && key !== 'examples') formatIntegers(value);
}

/**
 * Builds the document. A route without `response` makes this throw (the
 * message says what to add), unless `skipUndocumented` is set: then the route
 * is left out, so that the contract tests fail only the requests that reach it.
 */
export function buildOpenApiDocument(
  routes: readonly RouteDefinition[] = routeList,
  opts: { skipUndocumented?: boolean } = {},
): OpenApiDocument {
  registerSchemaDocs();
  const errorCache = new Map<string, ZodOpenApiResponseObject>();
  const paths: ZodOpenApiPathsObject = {};
  if (opts.skipUndocumented) routes = routes.filter((r) => r.response);
  for (const route of routes) {
    const item = (paths[route.path] ??= {});
    (item as Record<string, ZodOpenApiOperationObject>)[route.method.toLowerCase()] = operationOf(route, errorCache);
  }
  const tags = [...new Set(routes.map((r) => tagOf(r.path)))].map((name) => ({
    name,
    description: tagDescriptions[name] ?? `${name} operations`,
  }));
  const document = createDocument({
    openapi: '3.1.0',
    info: {
      title: 'Fieldbook API',
      version: '1.0.0',
      description: introduction(routes),
    },
    // Relative: the API is the server the document is served from (local server, CloudFront).
    servers: [{ url: '/', description: 'The server this document is served from' }],
    tags,
    security: [],
    paths,
    components: {
      securitySchemes: {
        [apiKeySchemeName]: {
          type: 'apiKey',
          in: 'header',
          name: 'X-API-Key',
          description:
            'An API key of your company. Scopes: `customers:read` (read customers and locations), `customers:write` (create and update them). Create one with `npm run keys -- create`.',
        },
      },
    },
  });
  describeFields(document);
  formatIntegers(document);
  return document;
}
