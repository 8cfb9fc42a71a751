import { readFileSync } from 'node:fs';

let table: Readonly<Record<string, readonly [number, number]>> | undefined;

/**
 * [latitude, longitude] standing for a state or territory (see ./generate.ts),
 * or undefined for a code the schema does not accept. The table is a data file
 * beside this module (state-centroids.json), read on first use: only an old
 * record without coordinates, or an address whose ZIP has no centroid, needs it.
 */
export function stateCentroid(state: string): readonly [number, number] | undefined {
  table ??= JSON.parse(readFileSync(new URL('./state-centroids.json', import.meta.url), 'utf8')) as Record<string, readonly [number, number]>;
  return Object.hasOwn(table, state) ? table[state] : undefined;
}
