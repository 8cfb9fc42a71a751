import * as z from 'zod/mini';
import '../zod-locale.js';

/**
 * Ids and paging, shared by every entity and every list: the one place
 * that says what an id looks like in a path, a body or a response, and how
 * page and per_page read.
 */

/** Ids sort as 10 zero-padded digits in the store's keys (lib/store/entity-items.ts). */
export const maxRecordId = 9_999_999_999;

/** An id in a body or a response. */
export const recordIdValue = z
  .number('must be an integer')
  .check(z.int('must be an integer'), z.gte(1, 'must be a positive integer'), z.lte(maxRecordId, `must be at most ${maxRecordId}`));

/** Positive integer ids in paths. A malformed id names no record, so it answers 404 like an unknown one. */
export const recordId = z
  // Documented as the integer a client sends (lib/openapi/schema-docs.ts).
  .pipe(z.string().check(z.regex(/^[1-9]\d{0,9}$/, 'must be a positive integer')), z.transform(Number));

/** An integer in a query string; documented as the integer a client sends, with these limits (lib/openapi/schema-docs.ts). */
export const positiveInt = (max: number) =>
  z
    .pipe(z.string().check(z.regex(/^\d+$/, 'must be a positive integer')), z.transform(Number))
    .check(z.refine((n) => n >= 1 && n <= max, `must be between 1 and ${max}`));

/** The upper bounds of page and per_page. */
export const pageLimits = { page: 1_000_000, perPage: 100 } as const;

/** page and per_page of every list (seed 000: per_page at most 100, 50 by default). */
export const pageQuery = {
  page: z._default(positiveInt(pageLimits.page), 1),
  per_page: z._default(positiveInt(pageLimits.perPage), 50),
};
