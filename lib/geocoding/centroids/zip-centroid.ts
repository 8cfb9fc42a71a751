import { decodeZipCentroids, indexOfZip, zipCentroidScale, type ZipCentroidColumns } from './zip-centroid-encoding.js';
import { readFileSync } from 'node:fs';

/**
 * Read from the data file beside this module (zip-centroids.bin, 72 kB) and
 * decoded on first use (a few ms, ~270 kB of typed arrays), then kept for the
 * warm function. A data file, not a module: as source it was 96 kB of every
 * location-writing bundle, parsed on every cold start (infra/data-files.json
 * ships it beside each bundle that includes this module).
 */
let table: ZipCentroidColumns | undefined;

/** [latitude, longitude] of a 5-digit ZIP's centroid to 0.01°, or undefined for a ZIP with no ZCTA (PO-box-only, unassigned). */
export function zipCentroid(zip: string): readonly [number, number] | undefined {
  if (!/^\d{5}$/.test(zip)) return undefined;
  table ??= decodeZipCentroids(readFileSync(new URL('./zip-centroids.bin', import.meta.url)));
  const i = indexOfZip(table.zips, Number(zip));
  return i < 0 ? undefined : [table.lat[i]! / zipCentroidScale, table.lng[i]! / zipCentroidScale];
}
