import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFieldbookClient, type Customer, type FieldbookClient } from '../../lib/client/index.js';
import { assertMatchesContract } from '../support/contract.js';
import { startTestApi, type TestApi } from '../support/local-api.js';

/** The published client, generated from docs/openapi.json, against the local server; every answer also checked against the contract. */

let api: TestApi;
let client: FieldbookClient;
const checked: string[] = [];

beforeAll(async () => {
  api = await startTestApi();
  client = createFieldbookClient({ baseUrl: api.url, apiKey: api.key });
  client.use({
    async onResponse({ request, response }) {
      const text = await response.clone().text();
      let body: unknown = text;
      try {
        body = JSON.parse(text);
      } catch {
        // not JSON: the contract check reports it
      }
      assertMatchesContract({ method: request.method, url: request.url, status: response.status, headers: response.headers, body });
      checked.push(`${request.method} ${new URL(request.url).pathname} ${response.status}`);
    },
  });
});
afterAll(() => api?.close());

describe('typed client', () => {
  let customer: Pick<Customer, 'customer_id' | 'customer_name'>;

  it('creates a customer', async () => {
    const { data, error, response } = await client.POST('/api/v1/customers', {
      body: { customer_name: 'Riverside Medical Center', customer_email: 'facilities@riverside.example', customer_phone: '(555) 987-6543', default_sla_hours: 24 },
    });
    expect(error).toBeUndefined();
    expect(response.status).toBe(201);
    expect(data!.success).toBe(true);
    customer = data!.data;
    expect(customer.customer_name).toBe('Riverside Medical Center');
  });

  it('gets it, with the phone normalized', async () => {
    const { data } = await client.GET('/api/v1/customers/{customerId}', { params: { path: { customerId: customer.customer_id } } });
    expect(data!.data).toMatchObject({ customer_id: customer.customer_id, customer_phone: '+15559876543', tax_exempt: false, tax_exemption_reason: null });
  });

  it('lists and searches', async () => {
    const { data } = await client.GET('/api/v1/customers', { params: { query: { search: 'riverside', per_page: 10 } } });
    expect(data!.data.map((c) => c.customer_id)).toEqual([customer.customer_id]);
    expect(data!.pagination).toEqual({ page: 1, per_page: 10, total: 1, total_pages: 1 });
  });

  it('updates it', async () => {
    const { data } = await client.PUT('/api/v1/customers/{customerId}', {
      params: { path: { customerId: customer.customer_id } },
      body: { default_sla_hours: 4, tax_exempt: true, tax_exemption_reason: 'Non-profit hospital' },
    });
    expect(data).toMatchObject({ success: true, message: 'Customer updated successfully', data: customer });
    const after = await client.GET('/api/v1/customers/{customerId}', { params: { path: { customerId: customer.customer_id } } });
    expect(after.data!.data).toMatchObject({ default_sla_hours: 4, tax_exempt: true, tax_exemption_reason: 'Non-profit hospital' });
  });

  it('adds a location and embeds it with include=locations', async () => {
    const path = { customerId: customer.customer_id };
    const created = await client.POST('/api/v1/customers/{customerId}/locations', {
      params: { path },
      body: { location_name: 'East Wing', address_street: '456 Health Park Dr', address_city: 'Dallas', address_state: 'TX', address_zip: '75201' },
    });
    expect(created.response.status).toBe(201);
    const withLocations = await client.GET('/api/v1/customers/{customerId}', { params: { path, query: { include: 'locations' } } });
    expect(withLocations.data!.data.locations?.map((l) => l.location_name)).toEqual(['East Wing']);
  });

  it('types the error envelope', async () => {
    const { data, error, response } = await client.GET('/api/v1/customers/{customerId}', { params: { path: { customerId: 999_999 } } });
    expect(data).toBeUndefined();
    expect(response.status).toBe(404);
    expect(error!.error.code).toBe('not_found');
    const denied = await createFieldbookClient({ baseUrl: api.url, apiKey: 'not-a-key' }).GET('/api/v1/customers');
    expect(denied.error!.error.code).toBe('unauthorized');
  });

  it('checked every answer against the contract', () => {
    expect(checked.length).toBeGreaterThanOrEqual(8);
  });
});

// Compile-time: the generated types are strict (tsc fails if one of these stops being an error).
export function typeChecks(c: FieldbookClient) {
  // @ts-expect-error default_sla_hours (required) is missing
  void c.POST('/api/v1/customers', { body: { customer_name: 'a', customer_email: 'a@b.example', customer_phone: '+15551234567' } });
  // @ts-expect-error default_sla_hours is an integer
  void c.PUT('/api/v1/customers/{customerId}', { params: { path: { customerId: 1 } }, body: { default_sla_hours: '4' } });
  // @ts-expect-error no such path
  void c.GET('/api/v1/customer');
}
