import * as z from 'zod/mini';
import '../zod-locale.js';
import { toStoredInstant } from '../instants.js';
import { pageQuery } from '../model/paging.js';
import { isUnicodeText, maxInstantLength } from '../text-rules.js';
import { maxSearchWords, searchWords } from './search-terms.js';
import { customerLimits, customerStatuses } from '../model/customer.js';
import { queryFlag } from './get-query.js';
import { sentTag } from '../model/tag-schema.js';

/** The query of GET /customers: search, created range, has_locations, status, customer_number, tag, include_deleted and paging. */

/** Date.parse rolls 2026-02-30 over to March 2; only a real calendar day survives the round trip. */
const isCalendarDay = (ymd: string) => {
  const day = new Date(`${ymd}T00:00:00Z`);
  return !Number.isNaN(day.getTime()) && day.toISOString().slice(0, 10) === ymd;
};

/** ISO 8601 date or date-time, normalized to the stored form (UTC, whole seconds). */
export const isoInstant = z.pipe(
  z.string().check(
    z.maxLength(maxInstantLength, { message: `must be at most ${maxInstantLength} characters`, abort: true }),
    z.refine((v) => /^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?)?$/i.test(v) && !Number.isNaN(Date.parse(v.replace(' ', 'T'))) && isCalendarDay(v.slice(0, 10)), {
      message: 'must be an ISO 8601 date or date-time, e.g. 2026-01-15T00:00:00Z',
    }),
  ),
  z.transform((v: string) => toStoredInstant(new Date(v.replace(' ', 'T')))),
);

export const listCustomersQuery = z.strictObject({
  search: z.optional(
    z.string().check(
      z.maxLength(200, 'must be at most 200 characters'),
      z.refine(isUnicodeText, 'must be valid Unicode text'),
      // Every word must match; dropping words past the limit would silently widen the result.
      z.refine((s) => searchWords(s).length <= maxSearchWords, `must have at most ${maxSearchWords} words`),
    ),
  ),
  created_after: z.optional(isoInstant),
  created_before: z.optional(isoInstant),
  has_locations: z.optional(z.enum(['1', '0'], 'must be 1 or 0')),
  status: z.optional(z.enum(customerStatuses, `must be one of ${customerStatuses.join(', ')}`)),
  /** Exact match, case-insensitive. */
  customer_number: z.optional(z.string().check(z.trim(), z.minLength(1, 'must not be empty'), z.maxLength(customerLimits.customerNumber, `must be at most ${customerLimits.customerNumber} characters`))),
  /** Customers carrying this tag (folded as tags are: " VIP " is "vip"). */
  tag: z.optional(sentTag()),
  include_deleted: z.optional(queryFlag),
  ...pageQuery,
});
export type ListCustomersQuery = z.output<typeof listCustomersQuery>;

