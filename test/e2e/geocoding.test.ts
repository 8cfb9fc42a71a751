import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalPipeline } from '../../lib/local/pipeline.js';
import { startGeocodingTestApi, type GeocodingTestApi } from '../support/geocoding-api.js';
import type { TestApi } from '../support/local-api.js';
import { eventually } from '../support/eventually.js';

/**
 * Geocoding under the conditions that make asynchronous pipelines go wrong:
 * addresses changing faster than the geocoder answers, addresses with no
 * answer, and a burst of writes. Over HTTP, through the local pipeline and the
 * real worker (offline provider). Polls bound how long a failing test waits;
 * no duration is asserted. (The straight path — create, re-geocode, manual
 * pin — is test/e2e/locations-geocoded.test.ts.)
 */

let env: GeocodingTestApi;
let api: TestApi;
let pipeline: LocalPipeline;
beforeAll(async () => {
  env = await startGeocodingTestApi();
  ({ api, pipeline } = env);
});
afterAll(() => env?.close());
const newCustomer = () => env.newCustomer();

const dallas = { location_name: 'East Wing', address_street: '456 Health Park Dr', address_city: 'Dallas', address_state: 'TX', address_zip: '75201' };
const answered = (r: { body: any }) => r.body.data.geocode_status !== 'pending';

describe('geocoding end to end', () => {
  it('ends on the coordinates of the LAST address when the address changes faster than the geocoder answers', async () => {
    const c = await newCustomer();
    const created = await api.call('POST', `/api/v1/customers/${c}/locations`, { body: dallas });
    const path = `/api/v1/customers/${c}/locations/${created.body.data.location_id}`;
    await api.call('PUT', path, { body: { address_city: 'Austin', address_zip: '78701' } });
    const last = await api.call('PUT', path, { body: { address_street: '350 5th Ave', address_city: 'New York', address_state: 'NY', address_zip: '10001' } });
    expect(last.status).toBe(200);
    // At once, the provisional coordinate of the last address (New York 10001's ZIP centroid).
    expect(last.body.data).toMatchObject({ geocode_status: 'pending', latitude: 40.75, longitude: -74, geocode_precision: 'postal_code' });
    const done = (await eventually(() => api.call('GET', path), answered)).body.data;
    expect(done).toMatchObject({ geocode_status: 'geocoded', address_zip: '10001' });
    expect(done.latitude).toBeCloseTo(40.75, 1);
    expect(done.longitude).toBeCloseTo(-74.0, 1);
    // And it stays there: whatever the pipeline still had for Dallas or Austin was discarded.
    const marker = await api.call('POST', `/api/v1/customers/${c}/locations`, { body: dallas });
    await eventually(() => api.call('GET', `/api/v1/customers/${c}/locations/${marker.body.data.location_id}`), answered);
    expect((await api.call('GET', path)).body.data).toEqual(done);
  });

  it("answers an address with no ZIP centroid with not_found, keeping the state's centroid", async () => {
    const c = await newCustomer();
    const created = await api.call('POST', `/api/v1/customers/${c}/locations`, { body: { ...dallas, address_zip: '00000' } });
    expect(created.status).toBe(201);
    const texas = { latitude: 31.33, longitude: -97.69, geocode_precision: 'region', geocode_source: 'us-state-centroids' };
    expect(created.body.data).toMatchObject({ geocode_status: 'pending', ...texas });
    const path = `/api/v1/customers/${c}/locations/${created.body.data.location_id}`;
    const done = (await eventually(() => api.call('GET', path), answered)).body.data;
    expect(done).toMatchObject({ geocode_status: 'not_found', geocoded_at: expect.any(String), ...texas });
  });

  it('leaves no location of a burst pending and nothing dead-lettered', async () => {
    const customers = [await newCustomer(), await newCustomer()];
    const zips = ['75201', '78701', '10001', '60601', '94103', '02108'];
    // Written back to back (not in parallel: concurrent creates for one customer contend on it, which is the API's business, not the pipeline's).
    for (const c of customers) {
      for (const [i, zip] of zips.entries()) {
        const res = await api.call('POST', `/api/v1/customers/${c}/locations`, { body: { ...dallas, location_name: `Site ${i}`, address_zip: zip } });
        expect(res.status).toBe(201);
      }
    }
    const lists = await eventually(
      () => Promise.all(customers.map((c) => api.call('GET', `/api/v1/customers/${c}/locations?per_page=100`))),
      (all) => all.every((r) => r.body.data.length === zips.length && r.body.data.every((l: { geocode_status: string }) => l.geocode_status !== 'pending')),
    );
    for (const list of lists) {
      expect(list.body.data.map((l: { geocode_status: string }) => l.geocode_status)).toEqual(zips.map(() => 'geocoded'));
      for (const l of list.body.data) expect(l.latitude).toEqual(expect.any(Number));
    }
    expect(pipeline.deadLetters()).toEqual([]);
  });
});
