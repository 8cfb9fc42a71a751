import { ValidationError, type ErrorDetail } from '../errors.js';
import { sameInstant } from '../instants.js';

/**
 * The customer object's read-only fields. A PUT may carry them, so that a
 * client can send back the object GET returned, but only with the values
 * stored: a different value is a mistake the client must hear about, never a
 * silent no-op.
 */
export const readOnlyFields = ['customer_id', 'created_at', 'updated_at'] as const;
export type ReadOnlyField = (typeof readOnlyFields)[number];

type ReadOnlyValues = Partial<Record<ReadOnlyField, unknown>>;

/** The stored values of the read-only fields (what GET shows); declared here so this module and schema.ts don't import each other. */
interface StoredReadOnly {
  customer_id: number;
  created_at: string;
  updated_at: string;
}

const sameValue: Record<ReadOnlyField, (sent: unknown, stored: StoredReadOnly) => boolean> = {
  customer_id: (sent, stored) => sent === stored.customer_id,
  created_at: (sent, stored) => sameInstant(sent, stored.created_at),
  updated_at: (sent, stored) => sameInstant(sent, stored.updated_at),
};

/** One detail per read-only field sent with a value other than the stored one (fields not sent are fine). */
export function readOnlyFieldConflicts(body: ReadOnlyValues, stored: StoredReadOnly): ErrorDetail[] {
  return readOnlyFields
    .filter((field) => body[field] !== undefined && !sameValue[field](body[field], stored))
    .map((field) => ({ field, issue: `is read-only and differs from the stored value ${stored[field]}` }));
}

/** Throws the 400 validation_failed naming every read-only field that differs from the stored record. */
export function assertReadOnlyFieldsUnchanged(body: ReadOnlyValues, stored: StoredReadOnly): void {
  const details = readOnlyFieldConflicts(body, stored);
  if (details.length > 0) {
    throw new ValidationError(`Invalid request: ${details.map((d) => `${d.field} ${d.issue}`).join('; ')}`, details);
  }
}

/** The body without its read-only fields: what an update applies. */
export function writableFieldsOf<T extends ReadOnlyValues>(body: T): Omit<T, ReadOnlyField> {
  const { customer_id: _id, created_at: _created, updated_at: _updated, ...writable } = body;
  return writable;
}
