import { parsePhoneNumberFromString } from 'libphonenumber-js/min';

export interface NormalizedPhone {
  /** E.164, e.g. +15551234567 — what the API stores and returns. */
  e164: string;
  /** National significant number, e.g. 5551234567 — what search matches. */
  national: string;
}

/**
 * Accepts E.164 and the common US formats ("(555) 123-4567", "555.123.4567",
 * "1-555-123-4567"). Numbers without a country code are read as US numbers.
 * We check that the number is *possible* (right length for its country), not
 * that its area code is assigned: placeholder numbers such as +1 555… are
 * what CRMs hold and what the contract's own examples use.
 */
export function normalizePhone(input: string): NormalizedPhone | undefined {
  const trimmed = input.trim();
  if (!/^[+\d\s().\-]+$/.test(trimmed)) return undefined;
  const parsed = parsePhoneNumberFromString(trimmed, 'US');
  if (!parsed || !parsed.isPossible()) return undefined;
  return { e164: parsed.number, national: parsed.nationalNumber };
}
