import * as z from 'zod/mini';
import '../zod-locale.js';
import { toStoredInstant } from '../instants.js';
import { maxInstantLength, isUnicodeText } from '../text-rules.js';
import { customerEntity } from '../model/customer.js';
import { locationEntity } from '../model/location.js';
import { pageQuery, recordId } from '../model/ids-and-paging.js';
import { maxSearchWords, searchWords } from './search-terms.js';

/**
 * Request and response schemas of the customer endpoints (seed 000). The
 * bodies and the customer object derive from the declaration
 * (lib/model/customer.ts); the path and query schemas of the customer
 * routes are here. They validate requests, type the use-cases and generate
 * the OpenAPI document.
 */

export { maxRecordId } from '../model/ids-and-paging.js';
export type { CreateCustomerInput, CustomerObject, CustomerPatch, UpdateCustomerInput } from '../model/customer.js';

export const createCustomerBody = customerEntity.createBody;
/**
 * A partial update. The read-only fields of the customer object are accepted
 * too, so that a client can PUT back what GET returned; the use-case checks
 * them against the stored record and applies only the writable ones.
 */
export const updateCustomerBody = customerEntity.updateBody;
/** The customer object, field for field as seed 000 documents it. */
export const customerObject = customerEntity.object;

export const customerPathParams = z.strictObject({ customerId: recordId });

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
  ...pageQuery,
});
export type ListCustomersQuery = z.output<typeof listCustomersQuery>;

export const getCustomerQuery = z.strictObject({
  include: z.optional(z.enum(['locations'], 'must be "locations"')),
});

/** The `data` of the create and update answers (seed 000): the id and the name. */
export const customerSummary = z.pick(customerObject, { customer_id: true, customer_name: true }).register(z.globalRegistry, { id: 'CustomerSummary' });

/**
 * How many locations include=locations embeds: one page of the locations
 * list at its largest, so a customer answer stays bounded however many sites
 * it has. The use-case must stop there (lib/locations getCustomerWithLocations).
 */
export const maxEmbeddedLocations = 100;

/** GET /customers/{id}: the customer, with its locations only when asked (include=locations). */
export const customerDetail = z
  .extend(customerObject, {
    locations: z.optional(z.array(locationEntity.object).check(z.maxLength(maxEmbeddedLocations))).register(z.globalRegistry, {
      description: `With include=locations: the primary location first, then by location_id, at most ${maxEmbeddedLocations}. When ${maxEmbeddedLocations} come back there may be more: GET /api/v1/customers/{customerId}/locations pages through all of them.`,
    }),
  })
  .register(z.globalRegistry, { id: 'CustomerDetail' });

