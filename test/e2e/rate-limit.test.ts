import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, type TestApi } from '../support/local-api.js';

// The local server emulates the edge's rate limits when LOCAL_RATE_LIMIT is set
// (each test file runs in its own process, so this touches no other file).
const perKey = 10;
process.env.LOCAL_RATE_LIMIT = `perKey=${perKey},perIpWithoutKey=10,windowSeconds=60`;

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(async () => {
  await api.close();
  delete process.env.LOCAL_RATE_LIMIT;
});

describe('rate limit (local emulation of the edge)', () => {
  it('answers 429 with Retry-After and the error envelope once a key is over its limit, leaving other keys alone', async () => {
    for (let i = 0; i < perKey; i++) expect((await api.call('GET', '/api/v1/customers')).status).toBe(200);

    // Every response is checked against the OpenAPI document by api.call.
    const limited = await api.call('GET', '/api/v1/customers?id=1');
    expect(limited.status).toBe(429);
    const retryAfter = Number(limited.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(limited.headers.get('content-type')).toBe('application/json');
    expect(limited.body).toEqual({
      success: false,
      error: { code: 'rate_limited', message: `Too many requests for this API key; retry after ${retryAfter} seconds` },
      request_id: limited.headers.get('x-request-id'),
    });
    expect(limited.body.request_id).toMatch(/^[0-9a-f]{16}$/);

    // Before anything else is judged: a write is refused with 429, not validated.
    expect((await api.call('POST', '/api/v1/customers', { body: { nonsense: true } })).status).toBe(429);

    // Another key, of the same tenant or another, has its own budget.
    expect((await api.call('GET', '/api/v1/customers', { key: api.readKey })).status).toBe(200);
    expect((await api.call('GET', '/api/v1/customers', { key: api.otherTenantKey })).status).toBe(200);
  });

  it('limits requests without a key per client address', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++) statuses.push((await api.call('GET', '/api/v1/customers', { key: null })).status);
    expect(statuses.slice(0, 10)).toEqual(Array(10).fill(401));
    expect(statuses[10]).toBe(429);
  });
});
