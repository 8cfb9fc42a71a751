import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalPipeline } from '../../lib/local/pipeline.js';
import { startGeocodingTestApi, type GeocodingTestApi } from '../support/geocoding-api.js';
import type { TestApi } from '../support/local-api.js';
import { eventually } from '../support/eventually.js';

/**
 * The whole path of issue 3 over HTTP: the locations API writes, the table
 * stream (followed by the local pipeline, the Pipe's stand-in) hands the
 * location to the real geocode worker with the offline ZIP-centroid provider,
 * and a later GET shows the answer. No durations are asserted: `eventually`
 * only bounds how long a failing test waits.
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

const eastWing = { location_name: 'East Wing', address_street: '456 Health Park Dr', address_city: 'Dallas', address_state: 'TX', address_zip: '75201' };

describe('locations are geocoded through the stream', () => {
  it('create → pending at the provisional ZIP centroid → geocoded; an address change re-geocodes', async () => {
    const c = await newCustomer();
    const created = await api.call('POST', `/api/v1/customers?id=${c}&locations=1`, { body: eastWing });
    // Answered at once without a network call: the ZIP centroid from the compact table (0.01°).
    expect(created.body.data).toMatchObject({ geocode_status: 'pending', latitude: 32.79, longitude: -96.8, geocode_precision: 'postal_code', geocoded_at: null });
    const path = `/api/v1/customers/${c}/locations/${created.body.data.location_id}`;

    const geocoded = (await eventually(() => api.call('GET', path), (r) => r.body.data.geocode_status !== 'pending')).body.data;
    expect(geocoded).toMatchObject({ geocode_status: 'geocoded', geocode_precision: 'postal_code', geocoded_at: expect.any(String) });
    expect(geocoded.geocode_source).toEqual(expect.any(String));
    // The provider's figure for Dallas 75201 replaced the provisional one.
    expect(geocoded).toMatchObject({ latitude: 32.788309, longitude: -96.799572 });
    expect(geocoded.updated_at).toBe(created.body.data.updated_at);

    const moved = await api.call('PUT', path, { body: { address_street: '123 Commerce Blvd', address_city: 'Austin', address_zip: '78701' } });
    expect(moved.body.data).toMatchObject({ geocode_status: 'pending', latitude: 30.27, longitude: -97.74, geocode_precision: 'postal_code' });
    const regeocoded = (await eventually(() => api.call('GET', path), (r) => r.body.data.geocode_status !== 'pending')).body.data;
    expect(regeocoded.geocode_status).toBe('geocoded');
    expect(regeocoded.latitude).toBeCloseTo(30.27, 1);
    expect(regeocoded.longitude).toBeCloseTo(-97.74, 1);

    // include=locations shows the same answer.
    const customer = await api.call('GET', `/api/v1/customers?id=${c}&include=locations`);
    expect(customer.body.data.locations).toEqual([regeocoded]);
  });

  it('a manual pin is never overwritten, and survives a name change', async () => {
    const c = await newCustomer();
    const pinned = await api.call('POST', `/api/v1/customers/${c}/locations`, { body: { ...eastWing, latitude: 32.7767, longitude: -96.797 } });
    const path = `/api/v1/customers/${c}/locations/${pinned.body.data.location_id}`;
    await api.call('PUT', path, { body: { location_name: 'East Wing - Annex' } });
    // A location created after the pin is geocoded, so the pipeline has caught up past the pin's records.
    const marker = await api.call('POST', `/api/v1/customers/${c}/locations`, { body: eastWing });
    await eventually(
      () => api.call('GET', `/api/v1/customers/${c}/locations/${marker.body.data.location_id}`),
      (r) => r.body.data.geocode_status !== 'pending',
    );
    const after = (await api.call('GET', path)).body.data;
    expect(after).toMatchObject({
      location_name: 'East Wing - Annex',
      geocode_status: 'manual',
      geocode_source: 'client',
      latitude: 32.7767,
      longitude: -96.797,
    });
    expect(pipeline.deadLetters()).toEqual([]);
  });
});
