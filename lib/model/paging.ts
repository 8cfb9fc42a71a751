import * as z from 'zod/mini';
import '../zod-locale.js';

/** How page and per_page read, for every list (apart from the ids, so that only list functions build them). */

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
