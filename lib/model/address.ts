import * as z from 'zod/mini';
import '../zod-locale.js';
import { isUnicodeText } from '../text-rules.js';

/**
 * The rules of a US street address, shared by a location's address and a
 * customer's billing address, so both accept and refuse exactly the same.
 * Builders: lib/model/entity.ts builds each on first use.
 */

/** A trimmed, non-empty Unicode text of at most `max` characters (UTF-16 units). */
export const requiredText = (max: number) =>
  z
    .string('must be a string')
    .check(
      z.trim(),
      z.minLength(1, 'must not be empty'),
      z.maxLength(max, `must be at most ${max} characters`),
      z.refine(isUnicodeText, 'must be valid Unicode text'),
    );

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

export const addressLimits = { street: 255, city: 100 } as const;

/** Room for a code with some surrounding spaces, which are trimmed. */
const maxStateInputLength = 16;
const stateCodeMessage = 'must be a two-letter USPS state or territory code, e.g. TX';
/** Case-insensitive in, uppercase out (documented on its input side: lib/openapi/schema-docs.ts). */
export const addressState = () =>
  z.pipe(
    z.string('must be a two-letter USPS state code').check(z.maxLength(maxStateInputLength, stateCodeMessage), z.trim(), z.toUpperCase()),
    z.enum(usStateCodes, stateCodeMessage),
  );
export const addressZip = () => z.string('must be a 5-digit ZIP code').check(z.regex(/^\d{5}$/, 'must be a 5-digit ZIP code, e.g. 75201'));
export const addressStreet = () => requiredText(addressLimits.street);
export const addressCity = () => requiredText(addressLimits.city);
