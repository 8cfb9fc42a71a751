import type { Context } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { httpEndpoint } from '../../lib/http/endpoint.js';
import type { HttpEvent } from '../../lib/http/types.js';
import { withHeaders } from '../../lib/http/with-headers.js';
import type { RouteDefinition } from '../../lib/routes.js';

/** A public route (no key, so no table): only the endpoint's own work is under test. */
const versioned = {
  operationId: 'getVersioned',
  method: 'GET',
  path: '/test/versioned',
  entry: 'test/unit/endpoint-headers.test.ts',
  scope: null,
  summary: 'A test route',
  request: {},
  successStatus: 200,
  response: { envelope: 'item', data: z.object({ version: z.number() }) },
} as const satisfies RouteDefinition;

const event = {
  version: '2.0',
  rawPath: '/test/versioned',
  rawQueryString: '',
  headers: { 'x-request-id': 'req-from-client-1' },
  requestContext: { requestId: 'gw-id', http: { method: 'GET', path: '/test/versioned' } },
} as unknown as HttpEvent;
const context = { getRemainingTimeInMillis: () => 30_000 } as unknown as Context;

describe('httpEndpoint response headers', () => {
  it('sends the headers a handler returns with withHeaders, and keeps them out of the body', async () => {
    const handler = httpEndpoint(versioned, async () => withHeaders({ data: { version: 3 } }, { ETag: '"v3"', 'Cache-Control': 'no-store' }));
    const result = await handler(structuredClone(event), context);

    expect(result.statusCode).toBe(200);
    expect(result.headers).toMatchObject({ etag: '"v3"', 'cache-control': 'no-store', 'x-request-id': 'req-from-client-1' });
    const body = JSON.parse(result.body as string);
    expect(body).toEqual({ data: { version: 3 }, request_id: 'req-from-client-1' });
    expect(Object.keys(body)).toEqual(['data', 'request_id']);
  });

  it('keeps its own content type and request id over a handler header of the same name', async () => {
    const handler = httpEndpoint(versioned, async () =>
      withHeaders({ data: { version: 1 } }, { 'content-type': 'text/plain', 'X-Request-Id': 'forged' }),
    );
    const result = await handler(structuredClone(event), context);

    expect(result.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(result.headers['x-request-id']).toBe('req-from-client-1');
  });

  it('answers a plain body with only its own headers', async () => {
    const handler = httpEndpoint(versioned, async () => ({ data: { version: 2 } }));
    const result = await handler(structuredClone(event), context);

    expect(Object.keys(result.headers).sort()).toEqual(['content-type', 'x-request-id']);
    expect(JSON.parse(result.body as string)).toEqual({ data: { version: 2 }, request_id: 'req-from-client-1' });
  });
});
