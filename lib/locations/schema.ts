import { z } from 'zod';
import { pageQuery, recordId } from '../customers/schema.js';

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
  z.string('must be a string').trim().min(1, 'must not be empty').max(max, `must be at most ${max} characters`);

export const locationName = text(255);
export const addressStreet = text(255);
export const addressCity = text(100);
/** Case-insensitive in, uppercase out. */
export const addressState = z
  .string('must be a two-letter USPS state code')
  .trim()
  .toUpperCase()
  .pipe(z.enum(usStateCodes, 'must be a two-letter USPS state or territory code, e.g. TX'))
  // Documented on its input side: any case is accepted, the answer is uppercase.
  .meta({
    description: 'Two-letter USPS code of a state, DC or territory (e.g., TX); any case in, uppercase out',
    override: { pattern: '^\\s*[A-Za-z]{2}\\s*$' },
  });
export const addressZip = z.string('must be a 5-digit ZIP code').regex(/^\d{5}$/, 'must be a 5-digit ZIP code, e.g. 75201');
export const isPrimary = z.boolean('must be true or false');
export const latitude = z.number('must be a number').min(-90, 'must be between -90 and 90').max(90, 'must be between -90 and 90');
export const longitude = z.number('must be a number').min(-180, 'must be between -180 and 180').max(180, 'must be between -180 and 180');

/** The address fields: changing any of them sends the location back to the geocoder. */
export const addressFields = ['address_street', 'address_city', 'address_state', 'address_zip'] as const;
export type AddressField = (typeof addressFields)[number];

/** A pin is both coordinates or neither; one alone names no point. */
function bothCoordinatesOrNeither(body: { latitude?: number; longitude?: number }, ctx: z.RefinementCtx): void {
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
    is_primary: isPrimary.optional(),
    latitude: latitude.optional(),
    longitude: longitude.optional(),
  })
  .superRefine(bothCoordinatesOrNeither);
export type CreateLocationInput = z.output<typeof createLocationBody>;

export const updateLocationBody = z
  .strictObject({
    location_name: locationName.optional(),
    address_street: addressStreet.optional(),
    address_city: addressCity.optional(),
    address_state: addressState.optional(),
    address_zip: addressZip.optional(),
    is_primary: isPrimary.optional(),
    latitude: latitude.optional(),
    longitude: longitude.optional(),
  })
  .superRefine(bothCoordinatesOrNeither)
  .refine((body) => Object.keys(body).length > 0, {
    message: 'at least one field is required',
    // Only unknown fields sent: naming them is the answer, not "nothing sent".
    when: (payload) => payload.issues.length === 0,
  })
  .meta({ override: { minProperties: 1 } });
export type UpdateLocationInput = z.output<typeof updateLocationBody>;

/** Malformed ids name no record, so they answer 404 like unknown ones (see validate-request). */
export const customerLocationsPathParams = z.strictObject({ customerId: recordId });
export const locationPathParams = z.strictObject({ customerId: recordId, locationId: recordId });

export const listLocationsQuery = z.strictObject({ ...pageQuery });
export type ListLocationsQuery = z.output<typeof listLocationsQuery>;

export { geocodeStatuses, locationObject, type GeocodeStatus, type LocationObject } from './location-object.js';
