import { z } from 'zod';

/**
 * The location object of every response. Apart from the request schemas
 * (./schema.ts) so that the customer schemas can embed it (include=locations)
 * without an import cycle.
 */

export const geocodeStatuses = ['pending', 'geocoded', 'not_found', 'failed', 'manual'] as const;
export type GeocodeStatus = (typeof geocodeStatuses)[number];

/** The location object: seed 000's fields in its order, then the geocoding facts. */
export const locationObject = z.object({
  location_id: z.number().int(),
  location_name: z.string(),
  address_street: z.string(),
  address_city: z.string(),
  address_state: z.string(),
  address_zip: z.string(),
  latitude: z.number().nullable(),
  longitude: z.number().nullable(),
  is_primary: z.boolean(),
  created_at: z.string(),
  updated_at: z.string(),
  geocode_status: z.enum(geocodeStatuses),
  geocode_precision: z.string().nullable(),
  geocode_source: z.string().nullable(),
  geocoded_at: z.string().nullable(),
}).meta({ id: 'Location' });
export type LocationObject = z.infer<typeof locationObject>;
