import { describe, expect, it } from 'vitest';
import { matchesEventPattern, needsGeocoding, needsGeocodingPattern, pipeFilterCriteria } from '../../lib/geocoding/stream-filter.js';
import { pendingLocation, streamRecordBody } from '../support/geocoding-fixtures.js';

const record = (image: object, eventName?: 'INSERT' | 'MODIFY' | 'REMOVE') => JSON.parse(streamRecordBody(image, eventName)) as unknown;

describe('stream filter: records that need geocoding', () => {
  it('selects INSERT and MODIFY of pending locations', () => {
    expect(needsGeocoding(record(pendingLocation(), 'INSERT'))).toBe(true);
    expect(needsGeocoding(record(pendingLocation({ address_version: 3 }), 'MODIFY'))).toBe(true);
  });

  it('selects pending locations whatever provisional coordinate they show, and old ones with none', () => {
    const zip = pendingLocation();
    expect(zip).toMatchObject({ latitude: 32.79, geocode_precision: 'postal_code' });
    expect(needsGeocoding(record(zip, 'INSERT'))).toBe(true);
    const state = pendingLocation({ address_zip: '00000', latitude: 31.33, longitude: -97.69, geocode_precision: 'region', geocode_source: 'us-state-centroids' });
    expect(needsGeocoding(record(state, 'MODIFY'))).toBe(true);
    const legacy = pendingLocation({ latitude: null, longitude: null, geocode_precision: null, geocode_source: null });
    expect(needsGeocoding(record(legacy, 'MODIFY'))).toBe(true);
  });

  it('passes over removals, answered or pinned locations, and other entities', () => {
    expect(needsGeocoding(record(pendingLocation(), 'REMOVE'))).toBe(false);
    for (const status of ['geocoded', 'not_found', 'failed', 'manual'] as const) {
      expect(needsGeocoding(record(pendingLocation({ geocode_status: status }), 'MODIFY'))).toBe(false);
    }
    expect(needsGeocoding(record({ pk: 'T#a#C#1', sk: 'CUSTOMER', entity: 'customer', geocode_status: 'pending' }))).toBe(false);
    expect(needsGeocoding({})).toBe(false);
    expect(needsGeocoding(null)).toBe(false);
    expect(needsGeocoding('INSERT')).toBe(false);
  });

  it('gives the Pipe the very same pattern, as JSON', () => {
    const criteria = pipeFilterCriteria();
    expect(criteria.filters).toHaveLength(1);
    expect(JSON.parse(criteria.filters[0]!.pattern)).toEqual(needsGeocodingPattern);
  });
});

describe('event pattern matcher', () => {
  it('matches exact values, any element of an array field, and ignores unnamed fields', () => {
    expect(matchesEventPattern({ a: ['x', 'y'] }, { a: 'y', b: 1 })).toBe(true);
    expect(matchesEventPattern({ a: ['x'] }, { a: ['z', 'x'] })).toBe(true);
    expect(matchesEventPattern({ a: [5] }, { a: 5 })).toBe(true);
    expect(matchesEventPattern({ a: ['5'] }, { a: 5 })).toBe(false);
    expect(matchesEventPattern({ a: { b: ['x'] } }, { a: { b: 'x' } })).toBe(true);
    expect(matchesEventPattern({ a: { b: ['x'] } }, { a: 'x' })).toBe(false);
    expect(matchesEventPattern({ a: ['x'] }, {})).toBe(false);
  });

  it('refuses content filters it would otherwise misread', () => {
    expect(() => matchesEventPattern({ a: [{ prefix: 'x' }] } as never, { a: 'xy' })).toThrow(/content filter/);
  });
});
