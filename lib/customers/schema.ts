import { z } from 'zod';
import { locationObject } from '../locations/location-object.js';
import { normalizePhone } from './phone.js';
import { maxSearchWords, searchWords } from './search-terms.js';

/**
 * Request and response schemas of the customer endpoints (seed 000). These
 * validate requests, type the use-cases and generate the OpenAPI document.
 */

export const customerName = z.string().trim().min(1, 'must not be empty').max(255, 'must be at most 255 characters');
export const customerEmail = z
  .string()
  .trim()
  .max(254, 'must be at most 254 characters')
  .pipe(z.email('must be a valid e-mail address'))
  // Trimmed first, then checked: documented as what a client sends, an e-mail of at most 254 characters.
  .meta({ override: { type: 'string', format: 'email', maxLength: 254 } });
export const customerPhone = z
  .string()
  .max(40, 'must be at most 40 characters')
  .transform((value, ctx) => {
    const phone = normalizePhone(value);
    if (!phone) {
      ctx.addIssue({ code: 'custom', message: 'must be a phone number in E.164 (+15551234567) or a common US format' });
      return z.NEVER;
    }
    return phone.e164;
  });
export const defaultSlaHours = z
  .number('must be an integer')
  .int('must be an integer')
  .min(0, 'must be 0 or more')
  .max(8760, 'must be at most 8760 (one year)');
export const taxExempt = z.boolean('must be true or false');
export const taxExemptionReason = z.string().trim().max(255, 'must be at most 255 characters').nullable();

export const createCustomerBody = z.strictObject({
  customer_name: customerName,
  customer_email: customerEmail,
  customer_phone: customerPhone,
  default_sla_hours: defaultSlaHours,
  tax_exempt: taxExempt.default(false),
  tax_exemption_reason: taxExemptionReason.default(null),
});
export type CreateCustomerInput = z.output<typeof createCustomerBody>;

export const updateCustomerBody = z
  .strictObject({
    customer_name: customerName.optional(),
    customer_email: customerEmail.optional(),
    customer_phone: customerPhone.optional(),
    default_sla_hours: defaultSlaHours.optional(),
    tax_exempt: taxExempt.optional(),
    tax_exemption_reason: taxExemptionReason.optional(),
  })
  .refine((body) => Object.keys(body).length > 0, { message: 'at least one field is required' })
  .meta({ override: { minProperties: 1 } });
export type UpdateCustomerInput = z.output<typeof updateCustomerBody>;

/** Positive integer ids in paths. A malformed id names no customer, so it answers 404 like an unknown one. */
export const recordId = z
  .string()
  .regex(/^[1-9]\d{0,9}$/, 'must be a positive integer')
  .transform(Number)
  // Documented as the integer a client sends (zod-openapi reads this; validation is unchanged).
  .meta({ override: { type: 'integer', minimum: 1, maximum: 9_999_999_999, pattern: undefined } });
export const customerPathParams = z.strictObject({ customerId: recordId });

/** Date.parse rolls 2026-02-30 over to March 2; only a real calendar day survives the round trip. */
const isCalendarDay = (ymd: string) => {
  const day = new Date(`${ymd}T00:00:00Z`);
  return !Number.isNaN(day.getTime()) && day.toISOString().slice(0, 10) === ymd;
};

/** ISO 8601 date or date-time, normalized to the stored form (UTC, whole seconds). */
export const isoInstant = z
  .string()
  .refine((v) => /^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?)?$/i.test(v) && !Number.isNaN(Date.parse(v.replace(' ', 'T'))) && isCalendarDay(v.slice(0, 10)), {
    message: 'must be an ISO 8601 date or date-time, e.g. 2026-01-15T00:00:00Z',
  })
  .transform((v) => toStoredInstant(new Date(v.replace(' ', 'T'))));

const positiveInt = (max: number) =>
  z
    .string()
    .regex(/^\d+$/, 'must be a positive integer')
    .transform(Number)
    .refine((n) => n >= 1 && n <= max, `must be between 1 and ${max}`)
    // Documented as the integer a client sends, with the limits the refine checks.
    .meta({ override: { type: 'integer', minimum: 1, maximum: max, pattern: undefined } });

export const pageQuery = {
  page: positiveInt(1_000_000).default(1),
  per_page: positiveInt(100).default(50),
};

export const listCustomersQuery = z.strictObject({
  search: z
    .string()
    .max(200, 'must be at most 200 characters')
    // Every word must match; dropping words past the limit would silently widen the result.
    .refine((s) => searchWords(s).length <= maxSearchWords, `must have at most ${maxSearchWords} words`)
    .optional(),
  created_after: isoInstant.optional(),
  created_before: isoInstant.optional(),
  has_locations: z.enum(['1', '0'], 'must be 1 or 0').optional(),
  ...pageQuery,
});
export type ListCustomersQuery = z.output<typeof listCustomersQuery>;

export const getCustomerQuery = z.strictObject({
  include: z.enum(['locations'], 'the only value is locations').optional(),
});

/** The customer object, field for field as seed 000 documents it. */
export const customerObject = z.object({
  customer_id: z.number().int(),
  customer_name: z.string(),
  customer_email: z.string(),
  customer_phone: z.string(),
  default_sla_hours: z.number().int(),
  tax_exempt: z.boolean(),
  tax_exemption_reason: z.string().nullable(),
  created_at: z.string(),
  updated_at: z.string(),
}).meta({ id: 'Customer' });
export type CustomerObject = z.infer<typeof customerObject>;

/** The `data` of the create and update answers (seed 000): the id and the name. */
export const customerSummary = customerObject.pick({ customer_id: true, customer_name: true }).meta({ id: 'CustomerSummary' });

/** GET /customers/{id}: the customer, with its locations only when asked (include=locations). */
export const customerDetail = customerObject
  .extend({ locations: z.array(locationObject).optional() })
  .meta({ id: 'CustomerDetail' });

/** Timestamps as the contract shows them: ISO 8601 UTC, whole seconds. */
export function toStoredInstant(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}
