import * as z from 'zod/mini';
import '../zod-locale.js';
import { sameInstant } from '../instants.js';
import { sentBackInstant } from '../text-rules.js';
import { addressCity, addressLimits, addressState, addressStreet, addressZip, requiredText, usStateCodes, type UsStateCode } from './address.js';
import { absentAsNull, defineEntity, field, type ApiObjectOf, type CreateInputOf, type PatchOf, type RecordOf, type UpdateInputOf } from './entity.js';
import { recordIdValue } from './record-ids.js';

/**
 * THE location (seed 000 "Customer locations"): its fields, what a client
 * may write, what the API shows, and how its item is keyed. Request and
 * response schemas, the record type and the key builders derive from this.
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
  street: addressLimits.street,
  city: addressLimits.city,
  /** Stored timestamps: 2026-01-15T10:00:00Z. */
  instant: 20,
  /** Source names: amazon-location, us-zip-centroids, us-state-centroids, client. */
  source: 40,
} as const;

export { usStateCodes, type UsStateCode };

/** The schemas below are builders: lib/model/entity.ts builds each on first use. */
const locationName = () => requiredText(locationLimits.name);
const isPrimary = () => z.boolean('must be true or false');
const between = (min: number, max: number) => {
  const message = `must be between ${min} and ${max}`;
  return [z.gte(min, message), z.lte(max, message)] as const;
};
/** Stored rounded to 7 decimal places (lib/geocoding/stored-coordinate.ts), so any number in range is accepted. */
const latitude = () => z.number('must be a number').check(...between(-90, 90));
const longitude = () => z.number('must be a number').check(...between(-180, 180));

/** A pin is both coordinates or neither; one alone names no point. */
const bothCoordinatesOrNeither = z.superRefine((body: { latitude?: number; longitude?: number }, ctx) => {
  if ((body.latitude === undefined) !== (body.longitude === undefined)) {
    const missing = body.latitude === undefined ? 'latitude' : 'longitude';
    const given = missing === 'latitude' ? 'longitude' : 'latitude';
    ctx.addIssue({ code: 'custom', path: [missing], message: `is required when ${given} is given (send both or neither)` });
  }
});

const storedInstant = () => z.string().check(z.maxLength(locationLimits.instant));
const sameValue = (sent: unknown, current: unknown) => sent === current;
const sameTime = (sent: unknown, current: unknown) => sameInstant(sent, current as string | null);
const oneOf = <T extends readonly [string, ...string[]]>(values: T) => () => z.enum(values, `must be one of ${values.join(', ')}`);

/**
 * Seed 000's fields in its order, then the geocoding facts. Coordinates are
 * never null (seed 000 documents numbers): until the geocoder answers, and
 * when it cannot, they are the ZIP's or the state's centroid, as
 * `geocode_precision` says.
 */
export const locationEntity = defineEntity({
  name: 'location',
  version: 1,
  apiName: 'Location',
  fields: {
    location_id: field.readOnly(recordIdValue, recordIdValue, sameValue),
    location_name: field.writable(locationName, () => z.string().check(z.maxLength(locationLimits.name))),
    address_street: field.writable(addressStreet, () => z.string().check(z.maxLength(locationLimits.street))),
    address_city: field.writable(addressCity, () => z.string().check(z.maxLength(locationLimits.city))),
    address_state: field.writable(addressState, () => z.string().check(z.length(2))),
    address_zip: field.writable(addressZip, () => z.string().check(z.length(5))),
    latitude: field.writableOptional(
      latitude,
      () => z.number().check(z.gte(-90), z.lte(90)),
    ),
    longitude: field.writableOptional(
      longitude,
      () => z.number().check(z.gte(-180), z.lte(180)),
    ),
    /** Optional on create: a customer's first location is primary whatever is sent. */
    is_primary: field.writableOptional(isPrimary, () => z.boolean()),
    created_at: field.readOnly(storedInstant, sentBackInstant, sameTime),
    updated_at: field.readOnly(storedInstant, sentBackInstant, sameTime),
    geocode_status: field.readOnly(() => z.enum(geocodeStatuses), oneOf(geocodeStatuses), sameValue),
    geocode_precision: field.readOnly(
      () => z.enum(geocodePrecisions),
      oneOf(geocodePrecisions),
      sameValue,
    ),
    geocode_source: field.readOnly(
      () => z.string().check(z.maxLength(locationLimits.source)),
      () => z.string('must be a string').check(z.maxLength(locationLimits.source, `must be at most ${locationLimits.source} characters`)),
      sameValue,
    ),
    geocoded_at: absentAsNull(
      field.readOnly(
        () => z.nullable(storedInstant()),
        () => z.nullable(sentBackInstant),
        sameTime,
      ),
    ),
    // What the store keeps beside the API object:
    tenant_id: field.internal<string>(),
    customer_id: field.internal<number>(),
    /** 1 on create, +1 on every change of an address field; the geocoder writes only if it is unchanged. */
    address_version: field.internal<number>(),
  },
  bodyChecks: [bothCoordinatesOrNeither],
  keys: {
    /** In its customer's item collection, after the customer item (sk CUSTOMER sorts before LOCATION#…), in id order. */
    primary: {
      pk: ['T', { field: 'tenant_id' }, 'C', { field: 'customer_id' }],
      sk: ['LOCATION', { field: 'location_id', sortsAsNumber: true }],
    },
  },
});

type LocationFields = typeof locationEntity.fields;
export type LocationObject = ApiObjectOf<LocationFields>;
export type LocationRecord = RecordOf<LocationFields>;
export type CreateLocationInput = CreateInputOf<LocationFields>;
export type UpdateLocationInput = UpdateInputOf<LocationFields>;
export type LocationPatch = PatchOf<LocationFields>;

/** The address fields: changing any of them sends the location back to the geocoder. */
export const addressFields = ['address_street', 'address_city', 'address_state', 'address_zip'] as const;
export type AddressField = (typeof addressFields)[number];
