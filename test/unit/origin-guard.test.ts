import type { Context } from 'aws-lambda';
import { afterEach, describe, expect, it } from 'vitest';
import { AppError } from '../../lib/errors.js';
import { fallbackHandler } from '../../lib/http/fallback.js';
import { originGuardMiddleware, originVerifyHeader, originVerifySecretEnv } from '../../lib/http/middleware/origin-guard.js';
import type { HttpEvent, HttpRequest, HttpResult } from '../../lib/http/types.js';

const secret = 'a-long-random-origin-secret-0123456789';

const requestWith = (headers: Record<string, string>) => ({ event: { headers }, context: {}, response: undefined, error: undefined }) as unknown as HttpRequest;

function guard(headers: Record<string, string>): unknown {
  try {
    originGuardMiddleware().before(requestWith(headers));
    return 'passed';
  } catch (err) {
    return err;
  }
}

const event = (method: string, rawPath: string, headers: Record<string, string> = {}): HttpEvent =>
  ({
    version: '2.0',
    routeKey: '$default',
    rawPath,
    rawQueryString: '',
    headers,
    requestContext: { http: { method, path: rawPath }, requestId: 'gw-request-1' },
    isBase64Encoded: false,
  }) as unknown as HttpEvent;

const invoke = (e: HttpEvent) => (fallbackHandler as unknown as (e: HttpEvent, c: Context) => Promise<HttpResult>)(e, {} as Context);

afterEach(() => {
  delete process.env[originVerifySecretEnv];
});

describe('originGuardMiddleware', () => {
  it('does nothing while ORIGIN_VERIFY_SECRET is unset or empty (the local runtime)', () => {
    expect(guard({})).toBe('passed');
    process.env[originVerifySecretEnv] = '';
    expect(guard({ [originVerifyHeader]: 'anything' })).toBe('passed');
  });

  it('lets through exactly the secret, under any header-name case', () => {
    process.env[originVerifySecretEnv] = secret;
    expect(guard({ 'x-origin-verify': secret })).toBe('passed');
    expect(guard({ 'X-Origin-Verify': secret })).toBe('passed');
  });

  it.each([
    ['no header', {}],
    ['an empty header', { 'x-origin-verify': '' }],
    ['a wrong value', { 'x-origin-verify': 'guess' }],
    ['a prefix of the secret', { 'x-origin-verify': secret.slice(0, -1) }],
    ['the secret plus more', { 'x-origin-verify': `${secret}x` }],
    ['another case of the secret', { 'x-origin-verify': secret.toUpperCase() }],
    ['the secret in another header', { 'x-origin-verified': secret }],
  ])('refuses %s with 403 forbidden', (_what, headers) => {
    process.env[originVerifySecretEnv] = secret;
    const err = guard(headers);
    expect(err).toBeInstanceOf(AppError);
    expect(err).toMatchObject({ code: 'forbidden', message: "Requests must come through the API's public endpoint" });
  });
});

describe('the fallback behind the origin guard', () => {
  it('answers a direct request 403 in the envelope, before routing (no Allow header)', async () => {
    process.env[originVerifySecretEnv] = secret;
    const res = await invoke(event('DELETE', '/api/v1/customers'));
    expect(res.statusCode).toBe(403);
    expect(res.headers.allow).toBeUndefined();
    expect(res.headers['x-request-id']).toBe('gw-request-1');
    expect(JSON.parse(res.body ?? '')).toEqual({
      success: false,
      error: { code: 'forbidden', message: "Requests must come through the API's public endpoint" },
      request_id: 'gw-request-1',
    });
  });

  it('routes as before when the header carries the secret', async () => {
    process.env[originVerifySecretEnv] = secret;
    const res = await invoke(event('DELETE', '/api/v1/customers', { [originVerifyHeader]: secret }));
    expect(res.statusCode).toBe(405);
    expect(res.headers.allow).toBe('GET, POST');
    expect((await invoke(event('GET', '/nope', { [originVerifyHeader]: secret }))).statusCode).toBe(404);
  });
});

describe('the fallback names the URL the client sent', () => {
  it('the seed-style URL the edge rewrote, else the REST path', async () => {
    const seed = await invoke(event('POST', '/api/v1/customers/1', { 'x-fieldbook-seed-url': '/api/v1/customers?id=1' }));
    expect(seed.statusCode).toBe(405);
    expect(JSON.parse(seed.body ?? '').error.message).toBe('POST is not allowed on /api/v1/customers?id=1');
    expect(seed.headers.allow).toBe('GET, PUT, DELETE');
    const rest = await invoke(event('POST', '/api/v1/customers/1'));
    expect(JSON.parse(rest.body ?? '').error.message).toBe('POST is not allowed on /api/v1/customers/1');
    const missing = await invoke(event('GET', '/api/v1/nope'));
    expect(JSON.parse(missing.body ?? '').error).toEqual({ code: 'route_not_found', message: 'No route for GET /api/v1/nope' });
  });
});
