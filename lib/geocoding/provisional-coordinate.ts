import { stateCentroid } from './centroids/state-centroid.js';
import { zipCentroid } from './centroids/zip-centroid.js';

/** The coordinate facts a location shows: where the point is, how exactly it pins the address, and where it came from. */
export interface CoordinateFacts {
  latitude: number;
  longitude: number;
  geocode_precision: 'postal_code' | 'region';
  geocode_source: 'us-zip-centroids' | 'us-state-centroids';
}

/**
 * The state's (or territory's) centroid, precision `region` (the place type
 * of a state in Amazon Location's vocabulary, like `postal_code` and
 * `locality`). Throws for a code the location schema does not accept: no
 * stored location can have one.
 */
export function stateCoordinate(state: string): CoordinateFacts {
  const centroid = stateCentroid(state);
  if (!centroid) throw new Error(`no centroid for state ${JSON.stringify(state)}`);
  return { latitude: centroid[0], longitude: centroid[1], geocode_precision: 'region', geocode_source: 'us-state-centroids' };
}

/**
 * The best coordinate known for an address without a network call, shown
 * until the geocoder answers (and kept when it cannot): the ZIP's centroid
 * (precision `postal_code`), else the state's (precision `region`). Only the
 * ZIP and the state are read; a ZIP that is no ZCTA (PO-box-only,
 * unassigned) falls back to the state.
 */
export function provisionalCoordinate(address: { state: string; zip: string }): CoordinateFacts {
  const centroid = zipCentroid(address.zip);
  if (!centroid) return stateCoordinate(address.state);
  return { latitude: centroid[0], longitude: centroid[1], geocode_precision: 'postal_code', geocode_source: 'us-zip-centroids' };
}
