import { decodeZipCentroids, indexOfZip, zipCentroidScale, type ZipCentroidColumns } from './zip-centroid-encoding.js';
import { zipCentroidsBase64 } from './zip-centroids.generated.js';

// Decoded on first use (a few ms, ~270 kB of typed arrays), then kept for the warm function.
let table: ZipCentroidColumns | undefined;

/** [latitude, longitude] of a 5-digit ZIP's centroid to 0.01°, or undefined for a ZIP with no ZCTA (PO-box-only, unassigned). */
export function zipCentroid(zip: string): readonly [number, number] | undefined {
  if (!/^\d{5}$/.test(zip)) return undefined;
  table ??= decodeZipCentroids(Buffer.from(zipCentroidsBase64, 'base64'));
  const i = indexOfZip(table.zips, Number(zip));
  return i < 0 ? undefined : [table.lat[i]! / zipCentroidScale, table.lng[i]! / zipCentroidScale];
}
