import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { usStateCodes } from '../../lib/locations/schema.js';
import { store } from '../../lib/store/client.js';
import { locationKeys } from '../../lib/store/keys.js';
import { startTestApi, type TestApi } from '../support/local-api.js';

/**
 * Seed 000 "Customer locations" over real HTTP, in both URL styles: the
 * seed's query-string URLs (rewritten by the edge function's code) and the
 * REST paths. No geocoder runs here: locations stay `pending` with their
 * provisional coordinate (the ZIP's or the state's centroid) unless the
 * client pins them.
 */

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(() => api.close());

const locationFields = [
  'location_id',
  'location_name',
  'address_street',
  'address_city',
  'address_state',
  'address_zip',
  'latitude',
  'longitude',
  'is_primary',
  'created_at',
  'updated_at',
  'geocode_status',
  'geocode_precision',
  'geocode_source',
  'geocoded_at',
];
const isoSeconds = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;

/** The provisional coordinates the API answers with, before any geocoder (ZIP centroids to 0.01°). */
const dallasZip = { latitude: 32.79, longitude: -96.8, geocode_precision: 'postal_code', geocode_source: 'us-zip-centroids' };
const austinZip = { latitude: 30.27, longitude: -97.74, geocode_precision: 'postal_code', geocode_source: 'us-zip-centroids' };
const texasState = { latitude: 31.33, longitude: -97.69, geocode_precision: 'region', geocode_source: 'us-state-centroids' };

function expectLocationShape(l: Record<string, unknown>) {
  expect(Object.keys(l)).toEqual(locationFields);
  expect(l.location_id).toEqual(expect.any(Number));
  // Seed 000 documents numbers: never null, whatever the geocoder did.
  expect(l.latitude).toEqual(expect.any(Number));
  expect(l.longitude).toEqual(expect.any(Number));
  expect(l.created_at).toMatch(isoSeconds);
  expect(l.updated_at).toMatch(isoSeconds);
}

let n = 0;
async function newCustomer(key?: string): Promise<number> {
  n += 1;
  const res = await api.call('POST', '/api/v1/customers', {
    key,
    body: { customer_name: `Riverside ${n}`, customer_email: `ops${n}@riverside.example`, customer_phone: '+15559876543', default_sla_hours: 24 },
  });
  expect(res.status).toBe(201);
  return res.body.data.customer_id;
}

const mainOffice = {
  location_name: 'Main Office',
  address_street: '123 Commerce Blvd',
  address_city: 'Austin',
  address_state: 'TX',
  address_zip: '78701',
};
const eastWing = {
  location_name: 'East Wing',
  address_street: '456 Health Park Dr',
  address_city: 'Dallas',
  address_state: 'TX',
  address_zip: '75201',
};

/** Both URL styles of one location route. */
const styles = {
  seed: {
    collection: (c: number) => `/api/v1/customers?id=${c}&locations=1`,
    item: (c: number, l: number) => `/api/v1/customers?id=${c}&locations=1&location_id=${l}`,
    customer: (c: number) => `/api/v1/customers?id=${c}`,
  },
  rest: {
    collection: (c: number) => `/api/v1/customers/${c}/locations`,
    item: (c: number, l: number) => `/api/v1/customers/${c}/locations/${l}`,
    customer: (c: number) => `/api/v1/customers/${c}`,
  },
};

describe.each(Object.entries(styles))('seed 000 location examples, %s URLs', (_style, url) => {
  it('POST creates a location: 201, seed envelope, full pending location at its ZIP centroid, first one primary', async () => {
    const c = await newCustomer();
    const res = await api.call('POST', url.collection(c), { body: eastWing });
    expect(res.status).toBe(201);
    expect(Object.keys(res.body)).toEqual(['success', 'message', 'data', 'request_id']);
    expect(res.body).toMatchObject({ success: true, message: 'Location created successfully', request_id: expect.any(String) });
    expectLocationShape(res.body.data);
    expect(res.body.data).toMatchObject({
      ...eastWing,
      ...dallasZip,
      is_primary: true,
      geocode_status: 'pending',
      geocoded_at: null,
    });
    expect(res.body.data.created_at).toBe(res.body.data.updated_at);
  });

  it('GET lists the locations with the seed pagination object', async () => {
    const c = await newCustomer();
    const created = (await api.call('POST', url.collection(c), { body: mainOffice })).body.data;
    const res = await api.call('GET', url.collection(c));
    expect(res.status).toBe(200);
    expect(Object.keys(res.body)).toEqual(['data', 'pagination', 'request_id']);
    expect(res.body.data).toEqual([created]);
    expect(res.body.pagination).toEqual({ page: 1, per_page: 50, total: 1, total_pages: 1 });
  });

  it('PUT updates a location: seed envelope, full location, the address change re-queued for geocoding', async () => {
    const c = await newCustomer();
    const created = (await api.call('POST', url.collection(c), { body: { ...mainOffice, latitude: 30.2672, longitude: -97.7431 } })).body.data;
    expect(created).toMatchObject({ geocode_status: 'manual', latitude: 30.2672, longitude: -97.7431, geocode_source: 'client' });
    const res = await api.call('PUT', url.item(c, created.location_id), {
      body: { location_name: 'Main Office - Renovated', address_street: '125 Commerce Blvd' },
    });
    expect(res.status).toBe(200);
    expect(Object.keys(res.body)).toEqual(['success', 'message', 'data', 'request_id']);
    expect(res.body).toMatchObject({ success: true, message: 'Location updated successfully' });
    expectLocationShape(res.body.data);
    expect(res.body.data).toMatchObject({
      location_id: created.location_id,
      location_name: 'Main Office - Renovated',
      address_street: '125 Commerce Blvd',
      address_city: 'Austin',
      address_state: 'TX',
      address_zip: '78701',
      ...austinZip, // the manual pin yields to the new address; its ZIP centroid stands in until the geocoder answers
      is_primary: true,
      geocode_status: 'pending',
      geocoded_at: null,
      created_at: created.created_at,
    });
  });

  it('GET and DELETE a single location', async () => {
    const c = await newCustomer();
    const created = (await api.call('POST', url.collection(c), { body: mainOffice })).body.data;
    const got = await api.call('GET', url.item(c, created.location_id));
    expect(got.status).toBe(200);
    expect(Object.keys(got.body)).toEqual(['data', 'request_id']);
    expect(got.body.data).toEqual(created);

    const deleted = await api.call('DELETE', url.item(c, created.location_id));
    expect(deleted.status).toBe(200);
    expect(deleted.body).toEqual({ success: true, message: 'Location deleted successfully', request_id: expect.any(String) });
    expect((await api.call('GET', url.item(c, created.location_id))).status).toBe(404);
    expect((await api.call('DELETE', url.item(c, created.location_id))).body.error.code).toBe('not_found');
    expect((await api.call('GET', url.collection(c))).body.pagination.total).toBe(0);
  });

  it('GET customer with include=locations embeds all locations, primary first', async () => {
    const c = await newCustomer();
    const a = (await api.call('POST', url.collection(c), { body: mainOffice })).body.data;
    const b = (await api.call('POST', url.collection(c), { body: eastWing })).body.data;
    const d = (await api.call('POST', url.collection(c), { body: { ...eastWing, location_name: 'Annex', is_primary: true } })).body.data;
    const sep = url.customer(c).includes('?') ? '&' : '?';
    const res = await api.call('GET', `${url.customer(c)}${sep}include=locations`);
    expect(res.status).toBe(200);
    expect(res.body.data.customer_id).toBe(c);
    const ids = res.body.data.locations.map((l: { location_id: number }) => l.location_id);
    expect(ids).toEqual([d.location_id, a.location_id, b.location_id]);
    expect(res.body.data.locations.map((l: { is_primary: boolean }) => l.is_primary)).toEqual([true, false, false]);
    for (const l of res.body.data.locations) expectLocationShape(l);
    // Without include, no locations key at all.
    expect((await api.call('GET', url.customer(c))).body.data).not.toHaveProperty('locations');
  });
});

describe('location rules over HTTP', () => {
  it('accepts lowercase state codes and DC / territories, answering uppercase', async () => {
    const c = await newCustomer();
    for (const state of ['tx', 'Dc', 'PR', 'gu']) {
      const res = await api.call('POST', `/api/v1/customers/${c}/locations`, { body: { ...mainOffice, address_state: state } });
      expect(res.status).toBe(201);
      expect(res.body.data.address_state).toBe(state.toUpperCase());
    }
  });

  it.each([
    ['a bad state code', { address_state: 'XX' }, 'address_state'],
    ['a full state name', { address_state: 'Texas' }, 'address_state'],
    ['a 4-digit ZIP', { address_zip: '7870' }, 'address_zip'],
    ['a ZIP+4', { address_zip: '78701-1234' }, 'address_zip'],
    ['a numeric ZIP', { address_zip: 78701 }, 'address_zip'],
    ['latitude without longitude', { latitude: 30.2 }, 'longitude'],
    ['longitude without latitude', { longitude: -97.7 }, 'latitude'],
    ['latitude out of range', { latitude: 91, longitude: 0 }, 'latitude'],
    ['longitude out of range', { latitude: 0, longitude: -180.5 }, 'longitude'],
    ['an unknown field', { address_country: 'US' }, 'address_country'],
    ['an empty name', { location_name: '  ' }, 'location_name'],
    ['a non-boolean is_primary', { is_primary: 'yes' }, 'is_primary'],
  ])('POST with %s → 400 naming the field', async (_what, change, field) => {
    const c = await newCustomer();
    const res = await api.call('POST', `/api/v1/customers?id=${c}&locations=1`, { body: { ...mainOffice, ...change } });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('validation_failed');
    const detail = res.body.error.details.find((d: { field: string }) => d.field === field);
    // Every case here sends a value or its partner: a wrongly typed value is not "required".
    expect(detail.issue).not.toBe('is required');
    expect((await api.call('GET', `/api/v1/customers/${c}/locations`)).body.pagination.total).toBe(0);
  });

  it('POST without required fields → 400 listing each', async () => {
    const c = await newCustomer();
    const res = await api.call('POST', `/api/v1/customers/${c}/locations`, { body: { location_name: 'Only a name' } });
    expect(res.status).toBe(400);
    expect(res.body.error.details).toEqual(
      expect.arrayContaining(['address_street', 'address_city', 'address_state', 'address_zip'].map((field) => ({ field, issue: 'is required' }))),
    );
  });

  it('PUT validates too: empty body, unknown fields, bad values, half a pin → 400; unsetting the primary → 400', async () => {
    const c = await newCustomer();
    const loc = (await api.call('POST', `/api/v1/customers/${c}/locations`, { body: mainOffice })).body.data;
    const path = `/api/v1/customers?id=${c}&locations=1&location_id=${loc.location_id}`;
    for (const body of [{}, { location_id: 5 }, { address_zip: 'abcde' }, { address_state: 'ZZ' }, { latitude: 10 }, { is_primary: false }]) {
      const res = await api.call('PUT', path, { body });
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.error.code).toBe('validation_failed');
    }
    expect((await api.call('GET', `/api/v1/customers/${c}/locations/${loc.location_id}`)).body.data).toEqual(loc);
  });

  it('moves the primary flag with is_primary: true and promotes on delete', async () => {
    const c = await newCustomer();
    const base = `/api/v1/customers/${c}/locations`;
    const a = (await api.call('POST', base, { body: mainOffice })).body.data;
    const b = (await api.call('POST', base, { body: eastWing })).body.data;
    const moved = await api.call('PUT', `${base}/${b.location_id}`, { body: { is_primary: true } });
    expect(moved.body.data.is_primary).toBe(true);
    expect((await api.call('GET', `${base}/${a.location_id}`)).body.data.is_primary).toBe(false);
    await api.call('DELETE', `${base}/${b.location_id}`);
    expect((await api.call('GET', `${base}/${a.location_id}`)).body.data.is_primary).toBe(true);
  });

  it('paginates with page and per_page', async () => {
    const c = await newCustomer();
    const base = `/api/v1/customers/${c}/locations`;
    for (let i = 0; i < 3; i++) await api.call('POST', base, { body: { ...mainOffice, location_name: `Site ${i}` } });
    const p2 = await api.call('GET', `/api/v1/customers?id=${c}&locations=1&page=2&per_page=2`);
    expect(p2.body.data.map((l: { location_name: string }) => l.location_name)).toEqual(['Site 2']);
    expect(p2.body.pagination).toEqual({ page: 2, per_page: 2, total: 3, total_pages: 2 });
    expect((await api.call('GET', `${base}?per_page=101`)).status).toBe(400);
    expect((await api.call('GET', `${base}?colour=red`)).status).toBe(400);
  });

  it('has_locations=1|0 on the customer list follows location writes', async () => {
    const before1 = (await api.call('GET', '/api/v1/customers?has_locations=1')).body.pagination.total;
    const before0 = (await api.call('GET', '/api/v1/customers?has_locations=0')).body.pagination.total;
    const c = await newCustomer();
    expect((await api.call('GET', '/api/v1/customers?has_locations=0')).body.pagination.total).toBe(before0 + 1);
    const loc = (await api.call('POST', `/api/v1/customers/${c}/locations`, { body: mainOffice })).body.data;
    const located = await api.call('GET', '/api/v1/customers?has_locations=1&per_page=100');
    expect(located.body.pagination.total).toBe(before1 + 1);
    expect(located.body.data.map((x: { customer_id: number }) => x.customer_id)).toContain(c);
    expect((await api.call('GET', '/api/v1/customers?has_locations=0')).body.pagination.total).toBe(before0);
    await api.call('DELETE', `/api/v1/customers/${c}/locations/${loc.location_id}`);
    expect((await api.call('GET', '/api/v1/customers?has_locations=1')).body.pagination.total).toBe(before1);
  });
});

describe('coordinates are never null (seed 000 documents numbers)', () => {
  it("a ZIP without a centroid gets its state's centroid, at region precision, for every state code accepted", async () => {
    const c = await newCustomer();
    const answered = new Map<string, unknown>();
    for (const state of usStateCodes) {
      const res = await api.call('POST', `/api/v1/customers/${c}/locations`, { body: { ...mainOffice, address_state: state, address_zip: '00000' } });
      expect(res.status, state).toBe(201);
      expect(res.body.data, state).toMatchObject({ geocode_status: 'pending', geocode_precision: 'region', geocode_source: 'us-state-centroids' });
      answered.set(state, [res.body.data.latitude, res.body.data.longitude]);
    }
    expect(answered.get('TX')).toEqual([texasState.latitude, texasState.longitude]);
    expect(new Set([...answered.values()].map(String)).size).toBe(usStateCodes.length); // one point per state
  });

  it('an update that changes the ZIP moves the provisional coordinate with it', async () => {
    const c = await newCustomer();
    const loc = (await api.call('POST', `/api/v1/customers/${c}/locations`, { body: eastWing })).body.data;
    expect(loc).toMatchObject(dallasZip);
    const path = `/api/v1/customers/${c}/locations/${loc.location_id}`;
    expect((await api.call('PUT', path, { body: { address_zip: '00000' } })).body.data).toMatchObject({ geocode_status: 'pending', ...texasState });
    expect((await api.call('PUT', path, { body: { address_city: 'Austin', address_zip: '78701' } })).body.data).toMatchObject({ geocode_status: 'pending', ...austinZip });
  });

  it('a record stored before this rule (null coordinates) is answered with its state centroid everywhere it appears', async () => {
    const c = await newCustomer();
    const loc = (await api.call('POST', `/api/v1/customers/${c}/locations`, { body: eastWing })).body.data;
    const { tableName, doc } = store();
    await doc.send(
      new UpdateCommand({
        TableName: tableName,
        Key: locationKeys.location('acme', c, loc.location_id),
        UpdateExpression: 'SET latitude = :null, longitude = :null, geocode_precision = :null, geocode_source = :provider, geocode_status = :status',
        ExpressionAttributeValues: { ':null': null, ':provider': 'amazon-location', ':status': 'not_found' },
      }),
    );
    const expected = { ...loc, geocode_status: 'not_found', ...texasState };
    expect((await api.call('GET', `/api/v1/customers/${c}/locations/${loc.location_id}`)).body.data).toEqual(expected);
    expect((await api.call('GET', `/api/v1/customers/${c}/locations`)).body.data).toEqual([expected]);
    expect((await api.call('GET', `/api/v1/customers/${c}?include=locations`)).body.data.locations).toEqual([expected]);
    // And it can be sent back as GET returned it.
    const renamed = await api.call('PUT', `/api/v1/customers/${c}/locations/${loc.location_id}`, { body: { ...expected, location_name: 'Renamed' } });
    expect(renamed.status).toBe(200);
    expect(renamed.body.data).toMatchObject({ ...texasState, geocode_status: 'not_found', location_name: 'Renamed' });
  });

  it.each([
    ['1e-131', 0],
    ['-1e-131', 0],
    ['5e-324', 0],
    ['1e-7', 1e-7],
    ['-0.000000049', 0],
    ['12.345678901234567890123456789012', 12.3456789],
  ])('a pin at %s answers 201/200 and stores %s (coordinates are rounded to 7 decimals)', async (sent, stored) => {
    const c = await newCustomer();
    const body = (lat: string) => `{"location_name":"Tiny","address_street":"1 Null Island Rd","address_city":"Austin","address_state":"TX","address_zip":"78701","latitude":${lat},"longitude":${lat}}`;
    const created = await api.call('POST', `/api/v1/customers/${c}/locations`, { body: body(sent) });
    expect(created.status).toBe(201);
    expect(created.body.data).toMatchObject({ latitude: stored, longitude: stored, geocode_status: 'manual' });
    const path = `/api/v1/customers/${c}/locations/${created.body.data.location_id}`;
    const moved = await api.call('PUT', path, { body: `{"latitude":1,"longitude":1}` });
    expect(moved.status).toBe(200);
    const negated = sent.startsWith('-') ? sent.slice(1) : `-${sent}`;
    const updated = await api.call('PUT', path, { body: `{"latitude":${sent},"longitude":${negated}}` });
    expect(updated.status).toBe(200);
    expect(updated.body.data).toMatchObject({ latitude: stored, longitude: stored === 0 ? 0 : -stored });
    expect((await api.call('GET', path)).body.data).toEqual(updated.body.data);
  });
});

describe('PUT of a location exactly as GET returned it', () => {
  it('is accepted and changes nothing: coordinates shown are not a manual pin', async () => {
    const c = await newCustomer();
    const loc = (await api.call('POST', `/api/v1/customers/${c}/locations`, { body: eastWing })).body.data;
    const path = `/api/v1/customers?id=${c}&locations=1&location_id=${loc.location_id}`;
    const same = await api.call('PUT', path, { body: loc });
    expect(same.status).toBe(200);
    expect(same.body.data).toEqual(loc);
    const renamed = await api.call('PUT', path, { body: { ...loc, location_name: 'East Wing - Annex' } });
    expect(renamed.status).toBe(200);
    expect(renamed.body.data).toMatchObject({ ...dallasZip, location_name: 'East Wing - Annex', geocode_status: 'pending' });
    // An edited address sent with the old coordinates: geocoded afresh, not pinned to the old place.
    const current = renamed.body.data;
    const moved = await api.call('PUT', path, { body: { ...current, address_city: 'Austin', address_zip: '78701' } });
    expect(moved.status).toBe(200);
    expect(moved.body.data).toMatchObject({ ...austinZip, geocode_status: 'pending' });
  });

  it('keeps a manual pin when sent back, and timestamps may come back re-serialized in UTC', async () => {
    const c = await newCustomer();
    const loc = (await api.call('POST', `/api/v1/customers/${c}/locations`, { body: { ...mainOffice, latitude: 30.2672, longitude: -97.7431 } })).body.data;
    const path = `/api/v1/customers/${c}/locations/${loc.location_id}`;
    const reserialized = { ...loc, created_at: loc.created_at.replace('Z', '.000Z'), updated_at: loc.updated_at.replace('Z', '+00:00') };
    const res = await api.call('PUT', path, { body: { ...reserialized, address_street: '125 Commerce Blvd' } });
    expect(res.status).toBe(200);
    expect(res.body.data).toMatchObject({ geocode_status: 'manual', latitude: 30.2672, longitude: -97.7431, address_street: '125 Commerce Blvd' });
  });

  it.each([
    ['location_id', 999_999],
    ['created_at', '2020-01-01T00:00:00Z'],
    ['updated_at', '2026-01-15T10:00:00+01:00'],
    ['geocode_status', 'geocoded'],
    ['geocode_precision', 'rooftop'],
    ['geocode_source', 'amazon-location'],
    ['geocoded_at', '2026-01-15T10:00:00Z'],
  ])('answers 400 naming %s when a read-only field differs, and changes nothing', async (field, value) => {
    const c = await newCustomer();
    const loc = (await api.call('POST', `/api/v1/customers/${c}/locations`, { body: eastWing })).body.data;
    const path = `/api/v1/customers/${c}/locations/${loc.location_id}`;
    const res = await api.call('PUT', path, { body: { ...loc, location_name: 'Changed', [field]: value } });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('validation_failed');
    expect(res.body.error.details).toEqual([{ field, issue: expect.stringContaining('read-only') }]);
    expect((await api.call('GET', path)).body.data).toEqual(loc);
  });

  it('still rejects fields the location object does not have', async () => {
    const c = await newCustomer();
    const loc = (await api.call('POST', `/api/v1/customers/${c}/locations`, { body: eastWing })).body.data;
    const res = await api.call('PUT', `/api/v1/customers/${c}/locations/${loc.location_id}`, { body: { ...loc, customer_id: c, colour: 'red' } });
    expect(res.status).toBe(400);
    expect(res.body.error.details.map((d: { field: string }) => d.field).sort()).toEqual(['colour', 'customer_id']);
  });
});

describe('isolation: anything not the caller’s is 404', () => {
  it('another tenant’s customer and location', async () => {
    const c = await newCustomer();
    const loc = (await api.call('POST', `/api/v1/customers/${c}/locations`, { body: mainOffice })).body.data;
    const other = { key: api.otherTenantKey };
    const calls: [string, string, unknown?][] = [
      ['GET', `/api/v1/customers/${c}/locations`],
      ['POST', `/api/v1/customers/${c}/locations`, mainOffice],
      ['GET', `/api/v1/customers/${c}/locations/${loc.location_id}`],
      ['PUT', `/api/v1/customers?id=${c}&locations=1&location_id=${loc.location_id}`, { location_name: 'Hijacked' }],
      ['DELETE', `/api/v1/customers/${c}/locations/${loc.location_id}`],
      ['GET', `/api/v1/customers/${c}?include=locations`],
    ];
    for (const [method, path, body] of calls) {
      const res = await api.call(method, path, { ...other, body });
      expect(res.status, `${method} ${path}`).toBe(404);
      expect(res.body.error.code).toBe('not_found');
    }
    expect((await api.call('GET', `/api/v1/customers/${c}/locations/${loc.location_id}`)).body.data).toEqual(loc);
  });

  it('a location of another customer in the URL', async () => {
    const a = await newCustomer();
    const b = await newCustomer();
    const loc = (await api.call('POST', `/api/v1/customers/${a}/locations`, { body: mainOffice })).body.data;
    for (const method of ['GET', 'PUT', 'DELETE']) {
      const res = await api.call(method, `/api/v1/customers?id=${b}&locations=1&location_id=${loc.location_id}`, {
        body: method === 'PUT' ? { location_name: 'Moved?' } : undefined,
      });
      expect(res.status, method).toBe(404);
      expect(res.body.error).toMatchObject({ code: 'not_found', message: 'Location not found' });
    }
  });

  it('unknown and malformed ids', async () => {
    const c = await newCustomer();
    expect((await api.call('GET', '/api/v1/customers/999999/locations')).body.error.message).toBe('Customer not found');
    expect((await api.call('GET', `/api/v1/customers/${c}/locations/999999`)).body.error.message).toBe('Location not found');
    expect((await api.call('GET', `/api/v1/customers/${c}/locations/abc`)).status).toBe(404);
    expect((await api.call('GET', '/api/v1/customers/0/locations')).status).toBe(404);
  });

  it('keys: none → 401, read-only key cannot write → 403', async () => {
    const c = await newCustomer();
    expect((await api.call('GET', `/api/v1/customers/${c}/locations`, { key: null })).status).toBe(401);
    expect((await api.call('GET', `/api/v1/customers/${c}/locations`, { key: api.readKey })).status).toBe(200);
    expect((await api.call('POST', `/api/v1/customers/${c}/locations`, { key: api.readKey, body: mainOffice })).status).toBe(403);
  });
});
