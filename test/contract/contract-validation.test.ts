import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertMatchesContract, ContractViolation, type Exchange } from '../support/contract.js';
import { startTestApi, type TestApi } from '../support/local-api.js';

/**
 * api.call validates every response against the OpenAPI document; these
 * requests cover each documented status, and the doctored exchanges below
 * prove that the check rejects what the document does not allow.
 */

let api: TestApi;
let customerId: number;
const customer = { customer_name: 'Acme Corporation', customer_email: 'ops@acme.example', customer_phone: '+15551234567', default_sla_hours: 24 };

beforeAll(async () => {
  api = await startTestApi();
  const created = await api.call('POST', '/api/v1/customers', { body: customer });
  customerId = created.body.data.customer_id;
});
afterAll(() => api?.close());

describe('real responses pass the contract', () => {
  it.each([
    ['GET', '/api/v1/customers', undefined, 200],
    ['GET', '/api/v1/customers?search=acme&per_page=10', undefined, 200],
    ['GET', '/api/v1/customers?per_page=1000', undefined, 400],
    ['GET', '/api/v1/customers/999', undefined, 404],
    ['GET', '/api/v1/customers/not-an-id', undefined, 404],
    ['GET', '/api/v1/customers?id=999', undefined, 404],
    ['POST', '/api/v1/customers', { customer_name: '' }, 400],
    ['POST', '/api/v1/customers', customer, 400], // duplicate_customer
    ['DELETE', '/api/v1/customers', undefined, 405],
    ['GET', '/api/v1/nothing-here', undefined, 404],
  ] as const)('%s %s %j → %s', async (method, path, body, status) => {
    const res = await api.call(method, path, { body });
    expect(res.status).toBe(status);
  });

  it('success envelopes of every customer operation, both URL styles', async () => {
    expect((await api.call('GET', `/api/v1/customers?id=${customerId}`)).status).toBe(200);
    expect((await api.call('GET', `/api/v1/customers/${customerId}?include=locations`)).status).toBe(200);
    expect((await api.call('PUT', `/api/v1/customers?id=${customerId}`, { body: { default_sla_hours: 8 } })).status).toBe(200);
  });

  it('auth errors, media type and size errors', async () => {
    expect((await api.call('GET', '/api/v1/customers', { key: null })).status).toBe(401);
    expect((await api.call('GET', '/api/v1/customers', { key: 'fb_not_a_key' })).status).toBe(401);
    expect((await api.call('POST', '/api/v1/customers', { key: api.readKey, body: customer })).status).toBe(403);
    expect((await api.call('POST', '/api/v1/customers', { body: 'name=acme', headers: { 'content-type': 'text/plain' } })).status).toBe(415);
    expect((await api.call('POST', '/api/v1/customers', { body: { ...customer, customer_name: 'x'.repeat(70_000) } })).status).toBe(413);
  });
});

describe('the check rejects what the document does not allow', () => {
  let good: Exchange;
  beforeAll(async () => {
    const res = await api.call('GET', `/api/v1/customers/${customerId}`);
    good = { method: 'GET', url: `${api.url}/api/v1/customers/${customerId}`, status: res.status, headers: res.headers, body: res.body };
  });
  const violation = (x: Exchange) => {
    try {
      assertMatchesContract(x);
    } catch (err) {
      expect(err).toBeInstanceOf(ContractViolation);
      return (err as Error).message;
    }
    throw new Error('expected a contract violation');
  };

  it('accepts the untouched exchange', () => {
    expect(() => assertMatchesContract(good)).not.toThrow();
  });
  it('an undocumented field', () => {
    const body = structuredClone(good.body) as { data: Record<string, unknown> };
    body.data.internal_version = 3;
    expect(violation({ ...good, body })).toMatch(/\/data must NOT have additional properties "internal_version"/);
  });
  it('a missing field', () => {
    const body = structuredClone(good.body) as { data: Record<string, unknown> };
    delete body.data.customer_email;
    expect(violation({ ...good, body })).toMatch(/customer_email/);
  });
  it('an undocumented status', () => {
    expect(violation({ ...good, status: 418 })).toMatch(/status 418 is not documented for getCustomer/);
  });
  it('an error code the status does not carry', () => {
    const body = { success: false, error: { code: 'forbidden', message: 'x' }, request_id: good.headers.get('x-request-id') };
    expect(violation({ ...good, status: 404, body })).toMatch(/\/error\/code must be equal to one of the allowed values/);
  });
  it('a missing X-Request-Id header, or one that differs from request_id', () => {
    const headers = new Headers(good.headers);
    headers.delete('x-request-id');
    expect(violation({ ...good, headers })).toMatch(/X-Request-Id header is missing/);
    headers.set('x-request-id', 'someone-else');
    expect(violation({ ...good, headers })).toMatch(/differs from the X-Request-Id header/);
  });
  it('a body that is not JSON', () => {
    expect(violation({ ...good, body: '<html>' })).toMatch(/not JSON/);
  });
  it('a seed-style URL maps to its REST operation', () => {
    expect(violation({ ...good, url: `${api.url}/api/v1/customers?id=${customerId}`, status: 201 })).toMatch(/for getCustomer/);
  });
  it('a 405 without its Allow header', async () => {
    const res = await api.call('DELETE', '/api/v1/customers');
    const headers = new Headers(res.headers);
    headers.delete('allow');
    expect(violation({ method: 'DELETE', url: `${api.url}/api/v1/customers`, status: 405, headers, body: res.body })).toMatch(/Allow header/);
  });
  it('an unknown path must answer 404 route_not_found', () => {
    expect(violation({ ...good, url: `${api.url}/api/v2/customers` })).toMatch(/must be 404 route_not_found/);
  });
});
