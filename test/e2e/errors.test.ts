import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { clearApiKeyCache, createApiKey, revokeApiKey } from '../../lib/api-keys/api-keys.js';
import { logger } from '../../lib/logger.js';
import { createStore, store, useStore } from '../../lib/store/client.js';
import { startTestApi, type TestApi } from '../support/local-api.js';

let api: TestApi;
let customerId: number;
beforeAll(async () => {
  api = await startTestApi();
  const res = await api.call('POST', '/api/v1/customers', {
    body: { customer_name: 'Acme Corporation', customer_email: 'john@acme.com', customer_phone: '+15551234567', default_sla_hours: 24 },
  });
  customerId = res.body.data.customer_id;
});
afterAll(() => api.close());

type Res = Awaited<ReturnType<TestApi['call']>>;

/** The one error envelope, with X-Request-Id equal to the body's request_id. */
function expectError(res: Res, status: number, code: string) {
  expect({ status: res.status, code: res.body?.error?.code }).toEqual({ status, code });
  expect(Object.keys(res.body).sort()).toEqual(['error', 'request_id', 'success']);
  expect(res.body.success).toBe(false);
  expect(Object.keys(res.body.error).every((k) => ['code', 'message', 'details'].includes(k))).toBe(true);
  expect(res.body.error.message).toEqual(expect.any(String));
  expect(res.body.error.message.length).toBeGreaterThan(0);
  if ('details' in res.body.error) {
    for (const d of res.body.error.details) expect(Object.keys(d).sort()).toEqual(['field', 'issue']);
  }
  expect(res.body.request_id).toEqual(expect.any(String));
  expect(res.headers.get('x-request-id')).toBe(res.body.request_id);
  expect(res.headers.get('content-type')).toMatch(/^application\/json/);
}
const fieldsOf = (res: Res) => (res.body.error.details ?? []).map((d: { field: string }) => d.field);

const valid = { customer_name: 'Globex', customer_email: 'info@globex.example', customer_phone: '+15559876543', default_sla_hours: 24 };

describe('authentication and scopes', () => {
  it.each([
    ['GET', '/api/v1/customers'],
    ['GET', '/api/v1/customers?id=1'],
    ['GET', '/api/v1/customers/1'],
    ['POST', '/api/v1/customers'],
    ['PUT', '/api/v1/customers/1'],
  ])('%s %s without a key is 401 unauthorized', async (method, path) => {
    const res = await api.call(method, path, { key: null, ...(method === 'GET' ? {} : { body: valid }) });
    expectError(res, 401, 'unauthorized');
  });

  it('an unknown or empty key is 401', async () => {
    expectError(await api.call('GET', '/api/v1/customers', { key: 'fbk_this-key-was-never-issued-000000000' }), 401, 'unauthorized');
    expectError(await api.call('GET', '/api/v1/customers', { key: '   ' }), 401, 'unauthorized');
  });

  it('a revoked key is 401', async () => {
    const { key, record } = await createApiKey({ tenantId: 'acme', name: 'to revoke', scopes: ['customers:read'] });
    expect((await api.call('GET', '/api/v1/customers', { key })).status).toBe(200);
    await revokeApiKey(record.key_id);
    clearApiKeyCache();
    expectError(await api.call('GET', '/api/v1/customers', { key }), 401, 'unauthorized');
    expectError(await api.call('GET', `/api/v1/customers/${customerId}`, { key }), 401, 'unauthorized');
  });

  it('a read-only key reads (200) but cannot write (403 forbidden)', async () => {
    expect((await api.call('GET', '/api/v1/customers', { key: api.readKey })).status).toBe(200);
    expect((await api.call('GET', `/api/v1/customers/${customerId}`, { key: api.readKey })).status).toBe(200);
    expect((await api.call('GET', `/api/v1/customers?id=${customerId}`, { key: api.readKey })).status).toBe(200);
    const post = await api.call('POST', '/api/v1/customers', { key: api.readKey, body: valid });
    expectError(post, 403, 'forbidden');
    expect(post.body.error.message).toContain('customers:write');
    expectError(await api.call('PUT', `/api/v1/customers/${customerId}`, { key: api.readKey, body: { customer_name: 'X' } }), 403, 'forbidden');
    expectError(await api.call('PUT', `/api/v1/customers?id=${customerId}`, { key: api.readKey, body: { customer_name: 'X' } }), 403, 'forbidden');
    expect((await api.call('GET', `/api/v1/customers/${customerId}`)).body.data.customer_name).toBe('Acme Corporation');
  });
});

describe('bad input', () => {
  it('an unknown body field is 400 naming the field', async () => {
    const res = await api.call('POST', '/api/v1/customers', { body: { ...valid, customer_fax: '123' } });
    expectError(res, 400, 'validation_failed');
    expect(res.body.error.details).toEqual([{ field: 'customer_fax', issue: expect.any(String) }]);
    expect(res.body.error.message).toContain('customer_fax');
    const put = await api.call('PUT', `/api/v1/customers/${customerId}`, { body: { customer_name: 'X', created_at: '2020-01-01T00:00:00Z' } });
    expectError(put, 400, 'validation_failed');
    expect(fieldsOf(put)).toEqual(['created_at']);
  });

  it('lists every missing required field in details', async () => {
    const res = await api.call('POST', '/api/v1/customers', { body: { customer_name: 'Only a name' } });
    expectError(res, 400, 'validation_failed');
    expect(res.body.error.details).toEqual([
      { field: 'customer_email', issue: 'is required' },
      { field: 'customer_phone', issue: 'is required' },
      { field: 'default_sla_hours', issue: 'is required' },
    ]);
  });

  it.each([
    ['customer_phone', 'not a phone'],
    ['customer_phone', '123'],
    ['customer_email', 'not-an-email'],
    ['customer_email', 'john@'],
    ['customer_name', ''],
    ['default_sla_hours', 1.5],
    ['default_sla_hours', '24'],
    ['tax_exempt', 'no'],
    ['tax_exemption_reason', 'x'.repeat(256)],
  ])('an invalid %s (%j) is 400 naming the field, on create and on update', async (field, value) => {
    const post = await api.call('POST', '/api/v1/customers', { body: { ...valid, [field]: value } });
    expectError(post, 400, 'validation_failed');
    expect(fieldsOf(post)).toEqual([field]);
    const put = await api.call('PUT', `/api/v1/customers?id=${customerId}`, { body: { [field]: value } });
    expectError(put, 400, 'validation_failed');
    expect(fieldsOf(put)).toEqual([field]);
  });

  it('an empty PUT body {} is 400', async () => {
    expectError(await api.call('PUT', `/api/v1/customers/${customerId}`, { body: {} }), 400, 'validation_failed');
  });

  it('a write without a body, or with a non-object JSON body, is 400', async () => {
    expectError(await api.call('PUT', `/api/v1/customers/${customerId}`, { body: '' }), 400, 'validation_failed');
    expectError(await api.call('POST', '/api/v1/customers', { headers: { 'content-type': 'application/json' } }), 400, 'validation_failed');
    expectError(await api.call('POST', '/api/v1/customers', { body: '[1,2]' }), 400, 'validation_failed');
    expectError(await api.call('POST', '/api/v1/customers', { body: '"text"' }), 400, 'validation_failed');
    expectError(await api.call('POST', '/api/v1/customers', { body: 'null' }), 400, 'validation_failed');
  });

  it('malformed JSON is 400', async () => {
    expectError(await api.call('POST', '/api/v1/customers', { body: '{"customer_name": "Acme",' }), 400, 'validation_failed');
    expectError(await api.call('PUT', `/api/v1/customers/${customerId}`, { body: "{customer_name: 'x'}" }), 400, 'validation_failed');
  });

  it('a JSON body that tries to set __proto__ is refused with 400', async () => {
    expectError(await api.call('POST', '/api/v1/customers', { body: `{"__proto__": {"admin": true}, ${JSON.stringify(valid).slice(1)}` }), 400, 'validation_failed');
  });

  it('a non-JSON content type on a write is 415', async () => {
    for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'application/xml']) {
      const res = await api.call('POST', '/api/v1/customers', { body: JSON.stringify(valid), headers: { 'content-type': type } });
      expectError(res, 415, 'unsupported_media_type');
    }
    expectError(
      await api.call('PUT', `/api/v1/customers/${customerId}`, { body: '{"customer_name":"X"}', headers: { 'content-type': 'text/plain' } }),
      415,
      'unsupported_media_type',
    );
  });

  it('a JSON content type with a charset is accepted', async () => {
    const res = await api.call('POST', '/api/v1/customers', {
      body: JSON.stringify({ ...valid, customer_email: 'charset@globex.example' }),
      headers: { 'content-type': 'application/json; charset=utf-8' },
    });
    expect(res.status).toBe(201);
  });

  it('a body over 64 KiB is 413 payload_too_large; just under is validated normally', async () => {
    const big = await api.call('POST', '/api/v1/customers', { body: { ...valid, customer_name: 'x'.repeat(64 * 1024) } });
    expectError(big, 413, 'payload_too_large');
    const bigPut = await api.call('PUT', `/api/v1/customers/${customerId}`, { body: { tax_exemption_reason: 'é'.repeat(33 * 1024) } });
    expectError(bigPut, 413, 'payload_too_large');
    const under = await api.call('POST', '/api/v1/customers', { body: { ...valid, customer_name: 'x'.repeat(60 * 1024) } });
    expectError(under, 400, 'validation_failed');
    expect(fieldsOf(under)).toEqual(['customer_name']);
  });

  it.each([
    ['per_page=0', 'per_page'],
    ['per_page=-1', 'per_page'],
    ['per_page=1.5', 'per_page'],
    ['per_page=101', 'per_page'],
    ['per_page=abc', 'per_page'],
    ['page=0', 'page'],
    ['created_after=yesterday', 'created_after'],
    ['created_before=2026-02-30', 'created_before'],
    ['has_locations=yes', 'has_locations'],
    ['sort=name', 'sort'],
    ['search=a+b+c+d+e+f+g+h+i', 'search'],
  ])('list query %s is 400 naming %s', async (query, field) => {
    const res = await api.call('GET', `/api/v1/customers?${query}`);
    expectError(res, 400, 'validation_failed');
    expect(fieldsOf(res)).toEqual([field]);
  });

  it('an empty seed-style id is 400, never the list of every customer', async () => {
    const res = await api.call('GET', '/api/v1/customers?id=');
    expectError(res, 400, 'validation_failed');
    expect(fieldsOf(res)).toEqual(['id']);
    expectError(await api.call('PUT', '/api/v1/customers?id=', { body: { customer_name: 'X' } }), 405, 'method_not_allowed');
  });

  it('an unknown query parameter on get is 400', async () => {
    const res = await api.call('GET', `/api/v1/customers?id=${customerId}&include=orders`);
    expectError(res, 400, 'validation_failed');
    expect(fieldsOf(res)).toEqual(['include']);
  });
});

describe('query parameters', () => {
  const location = { location_name: 'Depot', address_street: '1 Main St', address_city: 'Austin', address_state: 'TX', address_zip: '78701' };
  let c: number;
  let l: number;
  beforeAll(async () => {
    c = (await api.call('POST', '/api/v1/customers', { body: { ...valid, customer_email: 'query@globex.example' } })).body.data.customer_id;
    l = (await api.call('POST', `/api/v1/customers/${c}/locations`, { body: location })).body.data.location_id;
  });

  /** Every route in both URL styles; `q` is appended to the query string. Bodies are valid, so only the query is at fault. */
  const everyRoute = (q: string): [string, string, unknown][] => [
    ['GET', `/api/v1/customers?${q}`, undefined],
    ['POST', `/api/v1/customers?${q}`, { ...valid, customer_email: 'never-created@globex.example' }],
    ['GET', `/api/v1/customers/${c}?${q}`, undefined],
    ['GET', `/api/v1/customers?id=${c}&${q}`, undefined],
    ['PUT', `/api/v1/customers/${c}?${q}`, { customer_name: 'Renamed' }],
    ['PUT', `/api/v1/customers?id=${c}&${q}`, { customer_name: 'Renamed' }],
    ['GET', `/api/v1/customers/${c}/locations?${q}`, undefined],
    ['GET', `/api/v1/customers?id=${c}&locations=1&${q}`, undefined],
    ['POST', `/api/v1/customers/${c}/locations?${q}`, location],
    ['POST', `/api/v1/customers?id=${c}&locations=1&${q}`, location],
    ['GET', `/api/v1/customers/${c}/locations/${l}?${q}`, undefined],
    ['GET', `/api/v1/customers?id=${c}&locations=1&location_id=${l}&${q}`, undefined],
    ['PUT', `/api/v1/customers/${c}/locations/${l}?${q}`, { location_name: 'Renamed' }],
    ['PUT', `/api/v1/customers?id=${c}&locations=1&location_id=${l}&${q}`, { location_name: 'Renamed' }],
    ['DELETE', `/api/v1/customers/${c}/locations/${l}?${q}`, undefined],
    ['DELETE', `/api/v1/customers?id=${c}&locations=1&location_id=${l}&${q}`, undefined],
  ];

  async function expectUntouched() {
    const customer = await api.call('GET', `/api/v1/customers/${c}?include=locations`);
    expect(customer.body.data.customer_name).toBe('Globex');
    expect(customer.body.data.locations.map((x: { location_id: number; location_name: string }) => [x.location_id, x.location_name])).toEqual([[l, 'Depot']]);
    const list = await api.call('GET', '/api/v1/customers?search=never-created');
    expect(list.body.data).toEqual([]);
  }

  it('an unknown parameter is 400 naming it on every route, in both URL styles, and changes nothing', async () => {
    for (const [method, path, body] of everyRoute('foo=1')) {
      const res = await api.call(method, path, body === undefined ? {} : { body });
      expectError(res, 400, 'validation_failed');
      expect({ method, path, fields: fieldsOf(res) }).toEqual({ method, path, fields: ['foo'] });
    }
    await expectUntouched();
  });

  it('a repeated parameter is 400 naming it on every route, in both URL styles, and changes nothing', async () => {
    for (const [method, path, body] of everyRoute('page=1&page=2')) {
      const res = await api.call(method, path, body === undefined ? {} : { body });
      expectError(res, 400, 'validation_failed');
      expect({ method, path, fields: fieldsOf(res) }).toEqual({ method, path, fields: ['page'] });
      expect(res.body.error.details[0].issue).toBe('must be given at most once');
    }
    await expectUntouched();
  });

  it.each([
    ['GET', '/api/v1/customers?search=a&search=b', 'search'],
    ['GET', '/api/v1/customers?has_locations=1&has_locations=1', 'has_locations'],
    ['GET', '/api/v1/customers/ID?include=locations&include=locations', 'include'],
    ['GET', '/api/v1/customers?id=ID&include=locations&include=locations', 'include'],
  ])('%s %s is 400 naming %s', async (method, path, field) => {
    const res = await api.call(method, path.replace('ID', String(c)));
    expectError(res, 400, 'validation_failed');
    expect(fieldsOf(res)).toEqual([field]);
  });

  it('a repeated seed parameter (id, locations, location_id) is 400 naming it, never a silent pick of the first', async () => {
    const cases: [string, string, unknown, string][] = [
      ['GET', `/api/v1/customers?id=${c}&id=999999`, undefined, 'id'],
      ['GET', `/api/v1/customers?id=${c}&id=${c}`, undefined, 'id'],
      ['PUT', `/api/v1/customers?id=${c}&id=999999`, { customer_name: 'Renamed' }, 'id'],
      ['GET', `/api/v1/customers?id=${c}&locations=1&locations=1`, undefined, 'locations'],
      ['POST', `/api/v1/customers?id=${c}&id=999999&locations=1`, location, 'id'],
      ['GET', `/api/v1/customers?id=${c}&locations=1&location_id=${l}&location_id=999999`, undefined, 'location_id'],
      ['PUT', `/api/v1/customers?id=${c}&locations=1&location_id=${l}&location_id=999999`, { location_name: 'Renamed' }, 'location_id'],
      ['DELETE', `/api/v1/customers?id=${c}&locations=1&location_id=${l}&location_id=999999`, undefined, 'location_id'],
      ['DELETE', `/api/v1/customers?id=${c}&id=999999&locations=1&location_id=${l}`, undefined, 'id'],
    ];
    for (const [method, path, body, field] of cases) {
      const res = await api.call(method, path, body === undefined ? {} : { body });
      expectError(res, 400, 'validation_failed');
      expect({ method, path, fields: fieldsOf(res) }).toEqual({ method, path, fields: [field] });
    }
    await expectUntouched();
  });
});

describe('authentication comes before any judgement of the request', () => {
  const bad: [string, { body: string; headers?: Record<string, string> }][] = [
    ['a text/plain body', { body: JSON.stringify(valid), headers: { 'content-type': 'text/plain' } }],
    ['malformed JSON', { body: '{"customer_name": ' }],
    ['an empty body', { body: '' }],
    ['a body over 64 KiB', { body: JSON.stringify({ ...valid, customer_name: 'x'.repeat(70 * 1024) }) }],
    ['a UTF-16 charset', { body: JSON.stringify(valid), headers: { 'content-type': 'application/json; charset=utf-16' } }],
    ['an invalid body', { body: '{"customer_fax": 1}' }],
  ];
  const writes = () => [
    ['POST', '/api/v1/customers'],
    ['PUT', `/api/v1/customers/${customerId}`],
    ['PUT', `/api/v1/customers?id=${customerId}`],
    ['POST', `/api/v1/customers/${customerId}/locations`],
    ['PUT', `/api/v1/customers/${customerId}/locations/1`],
  ];

  it.each(bad)('without a key, %s is 401 unauthorized', async (_what, opts) => {
    for (const [method, path] of writes()) {
      const res = await api.call(method!, `${path}${path!.includes('?') ? '&' : '?'}foo=1`, { key: null, ...opts });
      expectError(res, 401, 'unauthorized');
    }
  });

  it.each(bad)('with a read-only key, %s is 403 forbidden', async (_what, opts) => {
    for (const [method, path] of writes()) {
      expectError(await api.call(method!, path!, { key: api.readKey, ...opts }), 403, 'forbidden');
    }
  });

  it('an unknown key on a bad body is 401 too', async () => {
    const res = await api.call('POST', '/api/v1/customers', { key: 'fbk_this-key-was-never-issued-000000000', body: 'not json', headers: { 'content-type': 'text/plain' } });
    expectError(res, 401, 'unauthorized');
  });
});

describe('charset', () => {
  it.each(['utf-16', 'UTF-16LE', 'iso-8859-1', '"utf-32"'])('a JSON body declared charset=%s is 415, not misread as UTF-8', async (charset) => {
    const res = await api.call('POST', '/api/v1/customers', {
      body: JSON.stringify({ ...valid, customer_email: 'utf16@globex.example' }),
      headers: { 'content-type': `application/json; charset=${charset}` },
    });
    expectError(res, 415, 'unsupported_media_type');
    expect(res.body.error.message).toMatch(/UTF-8/);
  });

  it('a body really encoded as UTF-16 is 415 on update, and nothing changes', async () => {
    const before = (await api.call('GET', `/api/v1/customers/${customerId}`)).body.data.customer_name;
    const res = await fetch(`${api.url}/api/v1/customers/${customerId}`, {
      method: 'PUT',
      headers: { 'x-api-key': api.key, 'content-type': 'application/json; charset=utf-16le' },
      body: Buffer.from(JSON.stringify({ customer_name: 'Ünïcödé' }), 'utf16le'),
    });
    expect(res.status).toBe(415);
    expect((await api.call('GET', `/api/v1/customers/${customerId}`)).body.data.customer_name).toBe(before);
  });

  it('charset=UTF-8 in any case is accepted', async () => {
    const res = await api.call('POST', '/api/v1/customers', {
      body: JSON.stringify({ ...valid, customer_email: 'upper-charset@globex.example' }),
      headers: { 'content-type': 'application/json; charset=UTF-8' },
    });
    expect(res.status).toBe(201);
  });
});

describe('routing', () => {
  it.each(['/api/v1/nope', '/api/v2/customers', '/', '/api/v1/customers/1/orders'])('unknown path %s is 404 route_not_found', async (path) => {
    expectError(await api.call('GET', path), 404, 'route_not_found');
  });

  it.each([
    ['DELETE', '/api/v1/customers', 'GET, POST'],
    ['PATCH', '/api/v1/customers', 'GET, POST'],
    ['PATCH', '/api/v1/customers/1', 'GET, PUT, DELETE'],
    ['POST', '/api/v1/customers/1', 'GET, PUT, DELETE'],
    ['POST', '/api/v1/customers?id=1', 'GET, PUT, DELETE'],
    ['GET', '/api/v1/customers/1/restore', 'POST'],
  ])('%s %s is 405 method_not_allowed with Allow: %s', async (method, path, allow) => {
    const res = await api.call(method, path);
    expectError(res, 405, 'method_not_allowed');
    expect(res.headers.get('allow')?.split(', ').sort()).toEqual(allow.split(', ').sort());
  });

  it.each([
    ['PATCH', '/api/v1/customers?id=1'],
    ['POST', '/api/v1/customers?id=1'],
    ['PUT', '/api/v1/customers?id=1&locations=1'],
    ['DELETE', '/api/v1/customers?id=1&locations=1'],
    ['POST', '/api/v1/customers?id=1&locations=1&location_id=2'],
    ['PATCH', '/api/v1/customers/1'],
    ['DELETE', '/api/v1/customers'],
  ])('the 405 message of %s %s names the URL as sent, not the internal REST path', async (method, path) => {
    const res = await api.call(method, path);
    expectError(res, 405, 'method_not_allowed');
    expect(res.body.error.message).toBe(`${method} is not allowed on ${path}`);
  });

  it('a client cannot put its own text in the 405 message through the seed-URL header', async () => {
    const res = await api.call('PATCH', '/api/v1/customers/1', { headers: { 'x-fieldbook-seed-url': '/forged' } });
    expect(res.body.error.message).toBe('PATCH is not allowed on /api/v1/customers/1');
  });
});

describe('request id', () => {
  it('is on every success, in the body and the X-Request-Id header, and differs per request', async () => {
    const a = await api.call('GET', '/api/v1/customers');
    const b = await api.call('GET', `/api/v1/customers/${customerId}`);
    for (const res of [a, b]) expect(res.headers.get('x-request-id')).toBe(res.body.request_id);
    expect(a.body.request_id).not.toBe(b.body.request_id);
  });

  it("keeps a caller's sane X-Request-Id and ignores an unsafe one", async () => {
    const mine = await api.call('GET', '/api/v1/customers', { headers: { 'x-request-id': 'trace-1234abcd' } });
    expect(mine.body.request_id).toBe('trace-1234abcd');
    expect(mine.headers.get('x-request-id')).toBe('trace-1234abcd');
    const err = await api.call('GET', '/api/v1/customers/999999', { headers: { 'x-request-id': 'trace-err-5678' } });
    expectError(err, 404, 'not_found');
    expect(err.body.request_id).toBe('trace-err-5678');
    const unsafe = await api.call('GET', '/api/v1/customers', { headers: { 'x-request-id': '<script>' } });
    expect(unsafe.body.request_id).not.toBe('<script>');
    expect(unsafe.headers.get('x-request-id')).toBe(unsafe.body.request_id);
  });
});

describe('logs', () => {
  it('carry the request id on every line of a request, success or error', async () => {
    const lines: string[] = [];
    const capture = (stream: NodeJS.WriteStream) =>
      vi.spyOn(stream, 'write').mockImplementation((chunk: unknown) => {
        lines.push(String(chunk));
        return true;
      });
    logger.setLogLevel('INFO');
    const spies = [capture(process.stdout), capture(process.stderr)];
    try {
      await api.call('GET', `/api/v1/customers/${customerId}`, { headers: { 'x-request-id': 'log-trace-ok-1' } });
      await api.call('GET', '/api/v1/customers/999999', { headers: { 'x-request-id': 'log-trace-404-1' } });
      await api.call('GET', '/api/v1/customers', { key: null, headers: { 'x-request-id': 'log-trace-401-1' } });
    } finally {
      for (const spy of spies) spy.mockRestore();
      logger.setLogLevel('SILENT');
    }
    const entries = lines
      .flatMap((l) => l.split('\n'))
      .filter((l) => l.trim().startsWith('{'))
      .map((l) => JSON.parse(l) as Record<string, unknown>)
      .filter((e) => e.service === 'fieldbook');
    expect(entries.length).toBeGreaterThanOrEqual(3);
    expect(entries.map((e) => e.request_id).sort()).toEqual(
      expect.arrayContaining(['log-trace-ok-1', 'log-trace-404-1', 'log-trace-401-1']),
    );
    for (const e of entries) expect(e.request_id).toMatch(/^log-trace-/);
  });
});

describe('internal errors', () => {
  it('are 500 internal_error with no internals (here: the table is missing)', async () => {
    const real = store();
    useStore(createStore({ tableName: 'fieldbook-no-such-table', endpoint: process.env.DYNAMODB_ENDPOINT, region: 'us-east-1' }));
    clearApiKeyCache();
    try {
      const res = await api.call('GET', `/api/v1/customers/${customerId}`);
      expectError(res, 500, 'internal_error');
      expect(res.body.error).toEqual({ code: 'internal_error', message: 'An unexpected error occurred' });
      expect(JSON.stringify(res.body)).not.toMatch(/no-such-table|ResourceNotFound|Exception|\bat\b/);
    } finally {
      useStore(real);
    }
  });
});

describe('database unavailable', () => {
  it('is 503 service_unavailable with no internals', async () => {
    const real = store();
    useStore(createStore({ tableName: real.tableName, endpoint: 'http://127.0.0.1:9', region: 'us-east-1' }));
    clearApiKeyCache();
    try {
      const res = await api.call('GET', `/api/v1/customers/${customerId}`);
      expectError(res, 503, 'service_unavailable');
      expect(res.headers.get('retry-after')).toBe('1');
      expect(JSON.stringify(res.body)).not.toMatch(/127\.0\.0\.1|ECONNREFUSED|stack|at /);
    } finally {
      useStore(real);
    }
    expect((await api.call('GET', `/api/v1/customers/${customerId}`)).status).toBe(200);
  });
});
