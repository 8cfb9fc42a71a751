import * as z from 'zod/mini';
import '../zod-locale.js';

/**
 * The location object of every response. Apart from the request schemas
 * (./schema.ts) so that the customer schemas can embed it (include=locations)
 * without an import cycle.
 */

export const geocodeStatuses = ['pending', 'geocoded', 'not_found', 'failed', 'manual'] as const;
export type GeocodeStatus = (typeof geocodeStatuses)[number];

/**
 * How exactly the coordinates pin the address, finest first: the providers'
 * answers (rooftop … locality), the state's centroid (`region`) and a
 * client's own pin (`manual`).
 */
export const geocodePrecisions = ['rooftop', 'interpolated', 'street', 'postal_code', 'locality', 'region', 'manual'] as const;
export type GeocodePrecision = (typeof geocodePrecisions)[number];

/** Lengths of the stored text fields (the request schemas enforce them). */
export const locationLimits = {
  name: 255,
  street: 255,
  city: 100,
  /** Stored timestamps: 2026-01-15T10:00:00Z. */
  instant: 20,
  /** Source names: amazon-location, us-zip-centroids, us-state-centroids, client. */
  source: 40,
} as const;

/** Ids sort as 10 zero-padded digits in the store's keys (lib/store/keys.ts). */
export const maxLocationId = 9_999_999_999;

const provisional = 'until the geocoder answers, and when it cannot, the ZIP or state centroid, as geocode_precision says';

export const locationIdValue = z
  .number('must be an integer')
  .check(z.int('must be an integer'), z.gte(1, 'must be a positive integer'), z.lte(maxLocationId, `must be at most ${maxLocationId}`));

/**
 * The location object: seed 000's fields in its order, then the geocoding
 * facts. Coordinates are never null (seed 000 documents numbers): until the
 * geocoder answers, and when it cannot, they are the ZIP's or the state's
 * centroid, as `geocode_precision` says.
 */
export const locationObject = z.object({
  location_id: locationIdValue,
  location_name: z.string().check(z.maxLength(locationLimits.name)),
  address_street: z.string().check(z.maxLength(locationLimits.street)),
  address_city: z.string().check(z.maxLength(locationLimits.city)),
  address_state: z.string().check(z.length(2)),
  address_zip: z.string().check(z.length(5)),
  latitude: z.number().check(z.gte(-90), z.lte(90)).register(z.globalRegistry, { description: `Latitude (auto-geocoded; never null: ${provisional})` }),
  longitude: z.number().check(z.gte(-180), z.lte(180)).register(z.globalRegistry, { description: `Longitude (auto-geocoded; never null: ${provisional})` }),
  is_primary: z.boolean(),
  created_at: z.string().check(z.maxLength(locationLimits.instant)),
  updated_at: z.string().check(z.maxLength(locationLimits.instant)),
  geocode_status: z.enum(geocodeStatuses),
  geocode_precision: z.enum(geocodePrecisions).register(z.globalRegistry, {
    description:
      'How precisely the coordinates pin the address: rooftop, interpolated, street, postal_code (ZIP centroid), locality (town), region (state centroid), manual (pinned by the client)',
  }),
  geocode_source: z.string().check(z.maxLength(locationLimits.source)).register(z.globalRegistry, {
    description: 'Where the coordinates come from: amazon-location, us-zip-centroids, us-state-centroids or client',
  }),
  geocoded_at: z.nullable(z.string().check(z.maxLength(locationLimits.instant))).register(z.globalRegistry, {
    description: 'When the geocoder answered or the client pinned the location (ISO 8601, UTC); null while pending and after failed',
  }),
}).register(z.globalRegistry, { id: 'Location' });
export type LocationObject = z.infer<typeof locationObject>;
