import { ValidationError, type ErrorDetail } from '../errors.js';
import { sameInstant } from '../instants.js';
import type { LocationObject } from './location-object.js';

/**
 * The location object's read-only fields. A PUT may carry them, so that a
 * client can send back the object GET returned, but only with the current
 * values: a different value is a mistake (or a stale copy: the geocoder moves
 * the geocode_* fields) the client must hear about, never a silent no-op.
 */
export const readOnlyLocationFields = [
  'location_id',
  'created_at',
  'updated_at',
  'geocode_status',
  'geocode_precision',
  'geocode_source',
  'geocoded_at',
] as const;
export type ReadOnlyLocationField = (typeof readOnlyLocationFields)[number];

type ReadOnlyValues = Partial<Record<ReadOnlyLocationField, unknown>>;

const sameValue: Record<ReadOnlyLocationField, (sent: unknown, current: LocationObject) => boolean> = {
  location_id: (sent, c) => sent === c.location_id,
  created_at: (sent, c) => sameInstant(sent, c.created_at),
  updated_at: (sent, c) => sameInstant(sent, c.updated_at),
  geocode_status: (sent, c) => sent === c.geocode_status,
  geocode_precision: (sent, c) => sent === c.geocode_precision,
  geocode_source: (sent, c) => sent === c.geocode_source,
  geocoded_at: (sent, c) => sameInstant(sent, c.geocoded_at),
};

/** Throws 400 validation_failed naming every read-only field sent with a value other than the current one. */
export function assertReadOnlyLocationFieldsUnchanged(body: ReadOnlyValues, current: LocationObject): void {
  const details: ErrorDetail[] = readOnlyLocationFields
    .filter((field) => body[field] !== undefined && !sameValue[field](body[field], current))
    .map((field) => ({ field, issue: `is read-only and differs from the current value ${JSON.stringify(current[field])}` }));
  if (details.length > 0) {
    throw new ValidationError(`Invalid request: ${details.map((d) => `${d.field} ${d.issue}`).join('; ')}`, details);
  }
}

/** The body without its read-only fields: what an update applies. */
export function writableLocationFieldsOf<T extends ReadOnlyValues>(body: T): Omit<T, ReadOnlyLocationField> {
  const {
    location_id: _id,
    created_at: _created,
    updated_at: _updated,
    geocode_status: _status,
    geocode_precision: _precision,
    geocode_source: _source,
    geocoded_at: _at,
    ...writable
  } = body;
  return writable;
}
