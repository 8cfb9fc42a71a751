import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, type TestApi } from '../support/local-api.js';

/**
 * Requests Node's HTTP parser would refuse with a bare 431 (headers past its
 * 16 KiB default) still get the API's answer: up to 64 KiB of headers reach
 * the handlers, and past that the envelope says why. Found by the long fuzz
 * run (`npm run fuzz`), which judges every answer.
 */
let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(() => api.close());

function rawGet(path: string, headers: Record<string, string>): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }> {
  const url = new URL(path, api.url);
  return new Promise((resolve, reject) => {
    const req = http.request({ host: url.hostname, port: url.port, path: url.pathname + url.search, method: 'GET', headers }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (d) => (body += d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('oversized requests on the local server', () => {
  it('serves a request whose headers pass 16 KiB as usual', async () => {
    const res = await rawGet('/api/v1/customers', { 'x-api-key': api.key, cookie: 'x'.repeat(20_000), accept: 'y'.repeat(8_000) });
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body)).toMatchObject({ data: [], request_id: res.headers['x-request-id'] });
  });

  it('answers headers past 64 KiB with the error envelope, not a bare 431', async () => {
    const res = await rawGet('/api/v1/customers', { 'x-api-key': api.key, cookie: 'x'.repeat(70_000) });
    expect(res.status).toBe(400);
    const body = JSON.parse(res.body);
    expect(body).toMatchObject({ success: false, error: { code: 'validation_failed', message: expect.stringContaining('headers') } });
    expect(body.request_id).toBe(res.headers['x-request-id']);
  });
});
