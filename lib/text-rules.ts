import * as z from 'zod/mini';
import './zod-locale.js';

/**
 * Rules every entity applies to strings a client sends, stated once: text
 * that DynamoDB can store, and a timestamp sent back on a read-only field.
 */

/**
 * Unpaired surrogates (valid JSON escapes, e.g. "\ud800") are not text: they
 * have no UTF-8 form, the one DynamoDB stores and measures strings in (it
 * rejects them).
 */
export const isUnicodeText = (s: string) => !/\p{Cs}/u.test(s);

/** The longest ISO 8601 date-time: 2026-01-15T10:00:00.123456789+01:00. */
export const maxInstantLength = 35;

/** A stored timestamp sent back on a read-only field; compared with the stored one by sameInstant (lib/instants.ts). */
export const sentBackInstant = z.string('must be a string').check(z.maxLength(maxInstantLength, `must be at most ${maxInstantLength} characters`));
