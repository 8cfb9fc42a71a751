import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, type TestApi } from '../support/local-api.js';

/** Tenant acme (api.key) and tenant globex (api.otherTenantKey) share one table and never see each other. */
let api: TestApi;
let acmeCustomer: number;
beforeAll(async () => {
  api = await startTestApi();
  const res = await api.call('POST', '/api/v1/customers', {
    body: { customer_name: 'Acme Secret Client', customer_email: 'ceo@secretclient.example', customer_phone: '+15551230001', default_sla_hours: 2 },
  });
  expect(res.status).toBe(201);
  acmeCustomer = res.body.data.customer_id;
});
afterAll(() => api.close());

const asGlobex = (method: string, path: string, body?: unknown) => api.call(method, path, { key: api.otherTenantKey, ...(body ? { body } : {}) });

describe('tenant isolation', () => {
  // acme's customer is id 1 and globex has no customer yet.
  it.each(['/api/v1/customers/1', '/api/v1/customers?id=1', '/api/v1/customers?id=1&include=locations', '/api/v1/customers/1?include=locations'])(
    "GET %s of another tenant's customer is 404 not_found",
    async (path) => {
      expect(acmeCustomer).toBe(1);
      const res = await asGlobex('GET', path);
      expect(res.status).toBe(404);
      expect(res.body.error.code).toBe('not_found');
      expect(JSON.stringify(res.body)).not.toContain('Secret');
    },
  );

  it("PUT of another tenant's customer is 404 in both styles and changes nothing", async () => {
    for (const path of [`/api/v1/customers/${acmeCustomer}`, `/api/v1/customers?id=${acmeCustomer}`]) {
      const res = await asGlobex('PUT', path, { customer_name: 'Hijacked', customer_email: 'evil@globex.example' });
      expect(res.status).toBe(404);
      expect(res.body.error.code).toBe('not_found');
    }
    const mine = await api.call('GET', `/api/v1/customers/${acmeCustomer}`);
    expect(mine.body.data).toMatchObject({ customer_name: 'Acme Secret Client', customer_email: 'ceo@secretclient.example' });
  });

  it("another tenant's list and search do not contain the customer", async () => {
    const list = await asGlobex('GET', '/api/v1/customers');
    expect(list.body).toMatchObject({ data: [], pagination: { total: 0 } });
    for (const q of ['secret', 'Acme', 'ceo@', 'secretclient.example', '555', '0001']) {
      const res = await asGlobex('GET', `/api/v1/customers?search=${encodeURIComponent(q)}`);
      expect(res.status).toBe(200);
      expect(res.body.data).toEqual([]);
      expect(res.body.pagination.total).toBe(0);
    }
    for (const q of ['has_locations=0', 'created_after=2000-01-01T00:00:00Z']) {
      expect((await asGlobex('GET', `/api/v1/customers?${q}`)).body.data).toEqual([]);
    }
    // The owner does see it.
    expect((await api.call('GET', '/api/v1/customers?search=secret')).body.pagination.total).toBe(1);
  });

  it('ids and e-mail uniqueness are per tenant', async () => {
    const res = await asGlobex('POST', '/api/v1/customers', {
      customer_name: 'Globex Own',
      customer_email: 'CEO@secretclient.example',
      customer_phone: '+15551230002',
      default_sla_hours: 8,
    });
    expect(res.status).toBe(201);
    expect(res.body.data.customer_id).toBe(1);
    // Same id, each tenant sees its own customer.
    expect((await asGlobex('GET', '/api/v1/customers/1')).body.data.customer_name).toBe('Globex Own');
    expect((await api.call('GET', '/api/v1/customers/1')).body.data.customer_name).toBe('Acme Secret Client');
    expect((await asGlobex('GET', '/api/v1/customers?search=secret')).body.data.map((c: { customer_name: string }) => c.customer_name)).toEqual(['Globex Own']);
    expect((await api.call('GET', '/api/v1/customers')).body.pagination.total).toBe(1);
  });
});
