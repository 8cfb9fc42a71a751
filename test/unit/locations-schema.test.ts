import { describe, expect, it } from 'vitest';
import {
  createLocationBody,
  locationPathParams,
  updateLocationBody,
  usStateCodes,
} from '../../lib/locations/schema.js';
import { listLocationsQuery } from '../../lib/locations/list-query.js';

const valid = {
  location_name: 'East Wing',
  address_street: '456 Health Park Dr',
  address_city: 'Dallas',
  address_state: 'TX',
  address_zip: '75201',
};

const issuesOf = (r: { success: boolean; error?: { issues: { path: PropertyKey[]; code: string; keys?: string[] }[] } }) =>
  (r.error?.issues ?? []).flatMap((i) => (i.code === 'unrecognized_keys' ? i.keys! : [i.path.join('.')]));

describe('createLocationBody', () => {
  it('accepts the seed example and trims text', () => {
    expect(createLocationBody.parse({ ...valid, location_name: '  East Wing ' })).toEqual(valid);
  });

  it('state codes: any case and spacing in, uppercase out; DC, territories and freely associated states', () => {
    for (const [given, stored] of [['tx', 'TX'], [' Dc ', 'DC'], ['pr', 'PR'], ['VI', 'VI'], ['gu', 'GU'], ['mp', 'MP'], ['as', 'AS'], ['pw', 'PW']]) {
      expect(createLocationBody.parse({ ...valid, address_state: given }).address_state).toBe(stored);
    }
    expect(usStateCodes).toHaveLength(59);
    for (const bad of ['XX', 'Texas', 'T', 'TXX', '', 'AA', 'UK', 42]) {
      expect(issuesOf(createLocationBody.safeParse({ ...valid, address_state: bad })), String(bad)).toEqual(['address_state']);
    }
  });

  it('ZIP: exactly five digits, as a string', () => {
    for (const bad of ['7520', '752011', '75201-1234', 'ABCDE', ' 75201', 75201, null]) {
      expect(issuesOf(createLocationBody.safeParse({ ...valid, address_zip: bad })), String(bad)).toEqual(['address_zip']);
    }
    expect(createLocationBody.parse({ ...valid, address_zip: '00501' }).address_zip).toBe('00501');
  });

  it('coordinates: any number in range passes (rounding to 7 decimals happens before storing), tiny ones included', () => {
    for (const tiny of [1e-131, -1e-131, 5e-324, 1e-7, 1.23456789012345678901234567890]) {
      expect(createLocationBody.parse({ ...valid, latitude: tiny, longitude: tiny })).toMatchObject({ latitude: tiny, longitude: tiny });
    }
  });

  it('text: bounded, and valid Unicode only (DynamoDB rejects lone surrogates)', () => {
    expect(issuesOf(createLocationBody.safeParse({ ...valid, location_name: 'x'.repeat(256), address_street: 'a\ud800b' }))).toEqual(['location_name', 'address_street']);
    expect(issuesOf(createLocationBody.safeParse({ ...valid, address_state: ' '.repeat(20) + 'TX' }))).toEqual(['address_state']);
    expect(createLocationBody.parse({ ...valid, location_name: 'Café 🏢' }).location_name).toBe('Café 🏢');
  });

  it('coordinates: both or neither, in range', () => {
    expect(createLocationBody.parse({ ...valid, latitude: -90, longitude: 180 })).toMatchObject({ latitude: -90, longitude: 180 });
    expect(issuesOf(createLocationBody.safeParse({ ...valid, latitude: 32.7 }))).toEqual(['longitude']);
    expect(issuesOf(createLocationBody.safeParse({ ...valid, longitude: -96.8 }))).toEqual(['latitude']);
    expect(issuesOf(createLocationBody.safeParse({ ...valid, latitude: 90.0001, longitude: 0 }))).toEqual(['latitude']);
    expect(issuesOf(createLocationBody.safeParse({ ...valid, latitude: 0, longitude: -181 }))).toEqual(['longitude']);
    expect(issuesOf(createLocationBody.safeParse({ ...valid, latitude: '32.7', longitude: '-96.8' }))).toEqual(['latitude', 'longitude']);
  });

  it('rejects unknown fields by name and requires the address', () => {
    expect(issuesOf(createLocationBody.safeParse({ ...valid, address_country: 'US', geocode_status: 'geocoded' }))).toEqual([
      'address_country',
      'geocode_status',
    ]);
    expect(issuesOf(createLocationBody.safeParse({ location_name: 'x' }))).toEqual(['address_street', 'address_city', 'address_state', 'address_zip']);
    expect(issuesOf(createLocationBody.safeParse({ ...valid, location_name: '   ' }))).toEqual(['location_name']);
    expect(issuesOf(createLocationBody.safeParse({ ...valid, address_city: 'x'.repeat(101) }))).toEqual(['address_city']);
  });
});

describe('updateLocationBody', () => {
  it('is partial but needs at least one field', () => {
    expect(updateLocationBody.parse({ address_state: 'ok' })).toEqual({ address_state: 'OK' });
    expect(updateLocationBody.safeParse({}).success).toBe(false);
  });

  it('is strict and keeps the coordinate rule', () => {
    expect(issuesOf(updateLocationBody.safeParse({ location_name: 'x', customer_id: 201, address_country: 'US' }))).toEqual(['customer_id', 'address_country']);
    expect(issuesOf(updateLocationBody.safeParse({ latitude: 10 }))).toEqual(['longitude']);
    expect(updateLocationBody.parse({ is_primary: true })).toEqual({ is_primary: true });
  });

  it("accepts the object GET returned (read-only fields are checked against the stored ones by the use-case), not read-only fields alone", () => {
    const asReturned = {
      location_id: 87,
      ...valid,
      latitude: 32.79,
      longitude: -96.8,
      is_primary: true,
      created_at: '2026-01-15T10:00:00Z',
      updated_at: '2026-01-15T10:00:00Z',
      geocode_status: 'pending',
      geocode_precision: 'postal_code',
      geocode_source: 'us-zip-centroids',
      geocoded_at: null,
    };
    expect(updateLocationBody.parse(asReturned)).toEqual(asReturned);
    const readOnlyOnly = updateLocationBody.safeParse({ location_id: 87, created_at: '2026-01-15T10:00:00Z' });
    expect(readOnlyOnly.success).toBe(false);
    expect(readOnlyOnly.error!.issues[0]!.message).toBe('at least one writable field is required');
    expect(issuesOf(updateLocationBody.safeParse({ ...asReturned, location_id: 1e-131, geocode_status: 'done', geocode_precision: 'exact' }))).toEqual([
      'location_id',
      'geocode_status',
      'geocode_precision',
    ]);
    expect(new Set(issuesOf(updateLocationBody.safeParse({ ...asReturned, location_id: 1e20 })))).toEqual(new Set(['location_id']));
  });
});

describe('path and query', () => {
  it('ids are positive integers; anything else fails (the middleware answers 404)', () => {
    expect(locationPathParams.parse({ customerId: '201', locationId: '87' })).toEqual({ customerId: 201, locationId: 87 });
    for (const locationId of ['0', '-1', '1.5', 'abc', '087', '']) {
      expect(locationPathParams.safeParse({ customerId: '201', locationId }).success, locationId).toBe(false);
    }
  });

  it('list query: page and per_page as for customers, nothing else', () => {
    expect(listLocationsQuery.parse({})).toEqual({ page: 1, per_page: 50 });
    expect(listLocationsQuery.parse({ page: '2', per_page: '100' })).toEqual({ page: 2, per_page: 100 });
    expect(listLocationsQuery.safeParse({ per_page: '101' }).success).toBe(false);
    expect(listLocationsQuery.safeParse({ search: 'x' }).success).toBe(false);
  });
});
