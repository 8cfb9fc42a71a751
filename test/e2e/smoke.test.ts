import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, type TestApi } from '../support/local-api.js';

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(() => api.close());

describe('smoke', () => {
  it('creates and reads back a customer through both URL styles', async () => {
    const created = await api.call('POST', '/api/v1/customers', {
      body: { customer_name: 'Acme Corporation', customer_email: 'ops@acme.example', customer_phone: '+15551234567', default_sla_hours: 24 },
    });
    expect(created.status).toBe(201);
    const id = created.body.data.customer_id;
    const seed = await api.call('GET', `/api/v1/customers?id=${id}`);
    const rest = await api.call('GET', `/api/v1/customers/${id}`);
    expect(seed.status).toBe(200);
    expect(seed.body.data).toEqual(rest.body.data);
  });
});
