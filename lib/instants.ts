/**
 * Timestamps, one place for every layer: the stored form (ISO 8601 UTC, whole
 * seconds, as the contract shows them) and whether a timestamp a client sent
 * back names the same instant.
 */

/** Timestamps as the contract shows them: ISO 8601 UTC, whole seconds. */
export function toStoredInstant(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
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
export function sameInstant(sent: unknown, stored: string | null): boolean {
  if (sent === stored) return true;
  if (typeof sent !== 'string' || stored === null) return false;
  const a = instantOf(sent);
  return a !== undefined && a === instantOf(stored);
}
