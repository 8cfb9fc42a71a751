import * as z from 'zod/mini';
import '../zod-locale.js';
import { pageQuery, recordId } from '../customers/schema.js';
import { geocodePrecisions, geocodeStatuses, locationIdValue, locationLimits } from './location-object.js';
import { readOnlyLocationFields } from './read-only-fields.js';
import { isUnicodeText, sentBackInstant } from '../text-rules.js';

/**
 * Request and response schemas of the location endpoints (seed 000 "Customer
 * locations"). They validate requests, type the use-cases and feed the
 * OpenAPI document.
 */

/**
 * USPS two-letter codes of places a crew can drive to: the 50 states, DC, the
 * inhabited territories and the freely associated states. The military
 * "states" (AA, AE, AP) are mail routes, not service sites, so they are left out.
 */
export const usStateCodes = [
  'AL', 'AK', 'AZ', 'AR', 'CA', 'CO', 'CT', 'DE', 'FL', 'GA', 'HI', 'ID', 'IL', 'IN', 'IA', 'KS', 'KY',
  'LA', 'ME', 'MD', 'MA', 'MI', 'MN', 'MS', 'MO', 'MT', 'NE', 'NV', 'NH', 'NJ', 'NM', 'NY', 'NC', 'ND',
  'OH', 'OK', 'OR', 'PA', 'RI', 'SC', 'SD', 'TN', 'TX', 'UT', 'VT', 'VA', 'WA', 'WV', 'WI', 'WY',
  'DC',
  'AS', 'GU', 'MP', 'PR', 'VI',
  'FM', 'MH', 'PW',
] as const;
export type UsStateCode = (typeof usStateCodes)[number];


const text = (max: number) =>
  z
    .string('must be a string')
    .check(
      z.trim(),
      z.minLength(1, 'must not be empty'),
      z.maxLength(max, `must be at most ${max} characters`),
      z.refine(isUnicodeText, 'must be valid Unicode text'),
    );

export const locationName = text(locationLimits.name);
export const addressStreet = text(locationLimits.street);
export const addressCity = text(locationLimits.city);
/** Room for a code with some surrounding spaces, which are trimmed. */
const maxStateInputLength = 16;
/** Case-insensitive in, uppercase out. */
export const addressState = z
  .pipe(
    z
      .string('must be a two-letter USPS state code')
      .check(z.maxLength(maxStateInputLength, 'must be a two-letter USPS state or territory code, e.g. TX'), z.trim(), z.toUpperCase()),
    z.enum(usStateCodes, 'must be a two-letter USPS state or territory code, e.g. TX'),
  )
  // Documented on its input side: any case is accepted, the answer is uppercase.
  .register(z.globalRegistry, {
    description: 'Two-letter USPS code of a state, DC or territory (e.g., TX); any case in, uppercase out',
    override: { pattern: '^\\s*[A-Za-z]{2}\\s*$', maxLength: maxStateInputLength },
  });
export const addressZip = z
  .string('must be a 5-digit ZIP code')
  .check(z.regex(/^\d{5}$/, 'must be a 5-digit ZIP code, e.g. 75201'))
  // The pattern already bounds it; the lengths are documented for clients that read only those.
  .register(z.globalRegistry, { override: { minLength: 5, maxLength: 5 } });
export const isPrimary = z.boolean('must be true or false');
/** Stored rounded to 7 decimal places (lib/geocoding/stored-coordinate.ts), so any number in range is accepted. */
const coordinateNote = 'Pins the location manually (send both or neither); rounded to 7 decimal places (about 1 cm) when stored.';
export const latitude = z
  .number('must be a number')
  .check(z.gte(-90, 'must be between -90 and 90'), z.lte(90, 'must be between -90 and 90'))
  .register(z.globalRegistry, { description: coordinateNote });
export const longitude = z
  .number('must be a number')
  .check(z.gte(-180, 'must be between -180 and 180'), z.lte(180, 'must be between -180 and 180'))
  .register(z.globalRegistry, { description: coordinateNote });

/** The address fields: changing any of them sends the location back to the geocoder. */
export const addressFields = ['address_street', 'address_city', 'address_state', 'address_zip'] as const;
export type AddressField = (typeof addressFields)[number];

/** A pin is both coordinates or neither; one alone names no point. */
function bothCoordinatesOrNeither(body: { latitude?: number; longitude?: number }, ctx: z.core.$RefinementCtx): void {
  if ((body.latitude === undefined) !== (body.longitude === undefined)) {
    const missing = body.latitude === undefined ? 'latitude' : 'longitude';
    const given = missing === 'latitude' ? 'longitude' : 'latitude';
    ctx.addIssue({ code: 'custom', path: [missing], message: `is required when ${given} is given (send both or neither)` });
  }
}

export const createLocationBody = z
  .strictObject({
    location_name: locationName,
    address_street: addressStreet,
    address_city: addressCity,
    address_state: addressState,
    address_zip: addressZip,
    is_primary: z.optional(isPrimary),
    latitude: z.optional(latitude),
    longitude: z.optional(longitude),
  })
  .check(z.superRefine(bothCoordinatesOrNeither));
export type CreateLocationInput = z.output<typeof createLocationBody>;

const readOnly = 'Read-only: accepted, so that an object as GET returned it can be sent back, only when equal to the current value';

/**
 * A partial update. The read-only fields of the location object are
 * accepted too, so that a client can PUT back what GET returned; the
 * use-case checks them against the current location (read-only-fields.ts).
 * Coordinates equal to the current ones change nothing (see locations.ts).
 */
export const updateLocationBody = z
  .strictObject({
    location_id: z.optional(locationIdValue).register(z.globalRegistry, { description: readOnly }),
    location_name: z.optional(locationName),
    address_street: z.optional(addressStreet),
    address_city: z.optional(addressCity),
    address_state: z.optional(addressState),
    address_zip: z.optional(addressZip),
    latitude: z.optional(latitude),
    longitude: z.optional(longitude),
    is_primary: z.optional(isPrimary),
    created_at: z.optional(sentBackInstant).register(z.globalRegistry, { description: readOnly }),
    updated_at: z.optional(sentBackInstant).register(z.globalRegistry, { description: readOnly }),
    geocode_status: z.optional(z.enum(geocodeStatuses, `must be one of ${geocodeStatuses.join(', ')}`)).register(z.globalRegistry, { description: readOnly }),
    geocode_precision: z.optional(z.enum(geocodePrecisions, `must be one of ${geocodePrecisions.join(', ')}`)).register(z.globalRegistry, { description: readOnly }),
    geocode_source: z
      .optional(z.string('must be a string').check(z.maxLength(locationLimits.source, `must be at most ${locationLimits.source} characters`)))
      .register(z.globalRegistry, { description: readOnly }),
    geocoded_at: z.optional(z.nullable(sentBackInstant)).register(z.globalRegistry, { description: readOnly }),
  })
  .check(
    z.superRefine(bothCoordinatesOrNeither),
    z.refine((body) => Object.keys(body).some((k) => !(readOnlyLocationFields as readonly string[]).includes(k)), {
      message: 'at least one writable field is required',
      // Only unknown fields sent: naming them is the answer, not "nothing sent".
      when: (payload) => payload.issues.length === 0,
    }),
  )
  .register(z.globalRegistry, { override: { minProperties: 1 } });
export type UpdateLocationInput = z.output<typeof updateLocationBody>;

/** Malformed ids name no record, so they answer 404 like unknown ones (see validate-request). */
export const customerLocationsPathParams = z.strictObject({ customerId: recordId });
export const locationPathParams = z.strictObject({ customerId: recordId, locationId: recordId });

export const listLocationsQuery = z.strictObject({ ...pageQuery });
export type ListLocationsQuery = z.output<typeof listLocationsQuery>;

export { geocodePrecisions, geocodeStatuses, locationObject, type GeocodePrecision, type GeocodeStatus, type LocationObject } from './location-object.js';
