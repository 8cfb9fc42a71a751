import { ValidationError, type ErrorDetail } from '../errors.js';

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

/** ISO 8601 date-time with a zone, the only form in which a timestamp names one instant. */
const isoDateTime = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(Z|[+-]\d{2}:?\d{2})$/i;

/**
 * The instant a timestamp names, as comparable text (epoch seconds and
 * nanoseconds), or undefined when it is not a real date-time. Parsed by hand
 * because Date.parse rolls 2026-02-30 into March and drops digits past milliseconds.
 */
function instantOf(text: string): string | undefined {
  const m = isoDateTime.exec(text);
  if (!m) return undefined;
  const [, y, mo, d, h, mi, s, fraction = '', zone] = m as unknown as string[];
  const day = new Date(Date.UTC(Number(y), Number(mo) - 1, Number(d)));
  if (day.getUTCFullYear() !== Number(y) || day.getUTCMonth() !== Number(mo) - 1 || day.getUTCDate() !== Number(d)) return undefined;
  if (Number(h) > 23 || Number(mi) > 59 || Number(s) > 59) return undefined;
  let offsetMinutes = 0;
  if (zone!.toUpperCase() !== 'Z') {
    const digits = zone!.replace(':', '');
    offsetMinutes = (digits[0] === '-' ? -1 : 1) * (Number(digits.slice(1, 3)) * 60 + Number(digits.slice(3, 5)));
  }
  const seconds = day.getTime() / 1000 + Number(h) * 3600 + Number(mi) * 60 + Number(s) - offsetMinutes * 60;
  return `${seconds}.${fraction.padEnd(9, '0')}`;
}

/**
 * Equal timestamps: the very string GET returned, or the same instant written
 * another way (a client that parsed it may send 2026-01-15T10:00:00.000Z or
 * +00:00 back). Not the same second with a different fraction.
 */
function sameInstant(sent: unknown, stored: string): boolean {
  if (sent === stored) return true;
  if (typeof sent !== 'string') return false;
  const a = instantOf(sent);
  return a !== undefined && a === instantOf(stored);
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
