import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { customerUpdates } from '../../lib/store/customer-store.js';
import { locationCreates, locationDeletes, locationUpdates } from '../../lib/store/location-store.js';
import { startTestApi, type TestApi } from '../support/local-api.js';

/**
 * A write that keeps losing its race (another writer changes the customer or
 * location between every read and write) is a transient condition: over
 * HTTP it is 503 service_unavailable with Retry-After, for customers and
 * locations alike, never a 500. The store is made to lose every attempt.
 */
let api: TestApi;
let customerId: number;
let locationId: number;
beforeAll(async () => {
  api = await startTestApi();
  const customer = await api.call('POST', '/api/v1/customers', {
    body: { customer_name: 'Busy Corp', customer_email: 'ops@busy.example', customer_phone: '+15551234567', default_sla_hours: 24 },
  });
  customerId = customer.body.data.customer_id;
  const location = await api.call('POST', `/api/v1/customers/${customerId}/locations`, {
    body: { location_name: 'Main Office', address_street: '123 Commerce Blvd', address_city: 'Austin', address_state: 'TX', address_zip: '78701' },
  });
  locationId = location.body.data.location_id;
});
afterAll(() => api.close());
afterEach(() => {
  vi.restoreAllMocks();
});

function expectUnavailable(res: Awaited<ReturnType<TestApi['call']>>) {
  expect({ status: res.status, code: res.body?.error?.code }).toEqual({ status: 503, code: 'service_unavailable' });
  expect(res.headers.get('retry-after')).toBe('1');
  expect(JSON.stringify(res.body)).not.toMatch(/kept changing|conflict|stack|\bat\b/i);
}

describe('a write that keeps losing races is 503 with Retry-After', () => {
  it('creating, updating and deleting a location', async () => {
    vi.spyOn(locationCreates, 'insert').mockResolvedValue('conflict');
    vi.spyOn(locationUpdates, 'update').mockResolvedValue({ outcome: 'conflict' });
    vi.spyOn(locationDeletes, 'remove').mockResolvedValue('conflict');
    const collection = `/api/v1/customers/${customerId}/locations`;
    const item = `${collection}/${locationId}`;
    expectUnavailable(
      await api.call('POST', collection, {
        body: { location_name: 'Annex', address_street: '1 Side St', address_city: 'Austin', address_state: 'TX', address_zip: '78701' },
      }),
    );
    expectUnavailable(await api.call('PUT', item, { body: { location_name: 'Renamed' } }));
    expectUnavailable(await api.call('DELETE', item));
    vi.restoreAllMocks();
    const list = await api.call('GET', collection);
    expect(list.body.data.map((l: { location_name: string }) => l.location_name)).toEqual(['Main Office']);
  });

  it('updating a customer', async () => {
    vi.spyOn(customerUpdates, 'replace').mockResolvedValue('conflict');
    expectUnavailable(await api.call('PUT', `/api/v1/customers/${customerId}`, { body: { customer_name: 'Renamed' } }));
    vi.restoreAllMocks();
    expect((await api.call('GET', `/api/v1/customers/${customerId}`)).body.data.customer_name).toBe('Busy Corp');
  });
});
