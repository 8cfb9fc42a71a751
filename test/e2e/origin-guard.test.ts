import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { originVerifyHeader, originVerifySecretEnv } from '../../lib/http/middleware/origin-guard.js';
import { startTestApi, type TestApi } from '../support/local-api.js';

/**
 * "Only through the front door": with ORIGIN_VERIFY_SECRET set, as on every
 * Lambda in AWS, a request without CloudFront's x-origin-verify header is
 * refused before anything else is looked at. The local server runs the
 * handlers in this process, so setting the variable here sets it for them.
 */

let api: TestApi;
const secret = 'e2e-origin-secret-6f1d2c9a8b7e';
const viaCloudFront = { [originVerifyHeader]: secret };

beforeAll(async () => {
  api = await startTestApi();
});
afterAll(() => api.close());
afterEach(() => {
  delete process.env[originVerifySecretEnv];
});

const forbidden = { code: 'forbidden', message: "Requests must come through the API's public endpoint" };

describe('the origin guard', () => {
  it('refuses a direct request with 403 in the envelope, before auth and body checks, on every kind of route', async () => {
    process.env[originVerifySecretEnv] = secret;
    const direct: [string, string, { key?: null; body?: string; headers?: Record<string, string> }][] = [
      ['GET', '/api/v1/customers', {}],
      ['GET', '/api/v1/customers?id=1', {}],
      ['GET', '/api/v1/customers/1/locations/1?foo=1', {}],
      ['POST', '/api/v1/customers', { key: null, body: 'not json', headers: { 'content-type': 'text/plain' } }],
      ['PUT', '/api/v1/customers/1', { body: '{}', headers: { [originVerifyHeader]: 'a-guess' } }],
      ['DELETE', '/api/v1/customers/1/locations/1', { headers: { [originVerifyHeader]: `${secret}0` } }],
    ];
    for (const [method, path, opts] of direct) {
      const res = await api.call(method, path, opts);
      expect({ method, path, status: res.status, error: res.body.error }).toEqual({ method, path, status: 403, error: forbidden });
      expect(res.headers.get('x-request-id')).toBe(res.body.request_id);
    }
  });

  it('lets a request with the secret through to the usual answers', async () => {
    process.env[originVerifySecretEnv] = secret;
    expect((await api.call('GET', '/api/v1/customers', { headers: viaCloudFront })).status).toBe(200);
    expect((await api.call('GET', '/api/v1/customers', { key: null, headers: viaCloudFront })).status).toBe(401);
    const created = await api.call('POST', '/api/v1/customers', {
      headers: viaCloudFront,
      body: { customer_name: 'Front Door', customer_email: 'door@front.example', customer_phone: '+15551230000', default_sla_hours: 4 },
    });
    expect(created.status).toBe(201);
  });

  it('does nothing when the variable is unset (the local runtime)', async () => {
    expect((await api.call('GET', '/api/v1/customers')).status).toBe(200);
  });
});
