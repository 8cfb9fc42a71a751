import { toStoredInstant } from '../instants.js';
import { geocodeStore } from '../store/geocode-store.js';
import type { GeocodeRequest } from './geocode-request.js';
import type { GeocodingProvider } from './provider.js';
import { provisionalCoordinate } from './provisional-coordinate.js';
import { toStoredCoordinate } from './stored-coordinate.js';

/** What became of one request: written as geocoded / not_found, or dropped because the location moved on ('stale'). */
export type GeocodeOutcome = 'geocoded' | 'not_found' | 'stale';

const locationOf = (r: GeocodeRequest) => ({ tenantId: r.tenantId, customerId: r.customerId, locationId: r.locationId });

/**
 * Geocodes one location's address and records the answer, only if the
 * location still has that address version and is still pending (one
 * conditional write). "No match" is an answer, `not_found`, and is not
 * retried; the location keeps the provisional coordinate the API gave it
 * (ZIP or state centroid), because coordinates are never null. Provider
 * failures propagate as GeocoderUnavailableError: the caller decides between
 * retrying and `markGeocodeFailed`.
 */
export async function geocodeLocation(request: GeocodeRequest, provider: GeocodingProvider, now = () => new Date()): Promise<GeocodeOutcome> {
  const result = await provider.geocode(request.address);
  const at = toStoredInstant(now());
  if (result.kind === 'no_match') {
    const written = await geocodeStore.writeIfStillPending(locationOf(request), request.addressVersion, {
      geocode_status: 'not_found',
      ...provisionalCoordinate(request.address),
      geocoded_at: at,
    });
    return written === 'written' ? 'not_found' : 'stale';
  }
  const written = await geocodeStore.writeIfStillPending(locationOf(request), request.addressVersion, {
    geocode_status: 'geocoded',
    latitude: toStoredCoordinate(result.lat),
    longitude: toStoredCoordinate(result.lng),
    geocode_precision: result.precision,
    geocode_source: result.source,
    geocoded_at: at,
  });
  return written === 'written' ? 'geocoded' : 'stale';
}

/**
 * Ends a request the provider could not answer as `failed` (same condition:
 * an address changed meanwhile is pending again and geocoded afresh), so no
 * location waits in `pending` forever. The coordinate stays the provisional
 * one (ZIP or state centroid; written again, as a record from before
 * provisional coordinates has none).
 */
export async function markGeocodeFailed(request: GeocodeRequest): Promise<'failed' | 'stale'> {
  const written = await geocodeStore.writeIfStillPending(locationOf(request), request.addressVersion, {
    geocode_status: 'failed',
    ...provisionalCoordinate(request.address),
    geocoded_at: null,
  });
  return written === 'written' ? 'failed' : 'stale';
}
