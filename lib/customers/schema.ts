import * as z from 'zod/mini';
import '../zod-locale.js';
import { toStoredInstant } from '../instants.js';
import { isUnicodeText, maxInstantLength, sentBackInstant } from '../text-rules.js';
import { locationObject } from '../locations/location-object.js';
import { normalizePhone } from './phone.js';
import { maxSearchWords, searchWords } from './search-terms.js';
import { readOnlyFields, type ReadOnlyField } from './read-only-fields.js';

/**
 * Request and response schemas of the customer endpoints (seed 000). These
 * validate requests, type the use-cases and generate the OpenAPI document.
 */

/**
 * Stored-size limits. Lengths count UTF-16 units, so a stored string is at
 * most 3 bytes per unit: a name is at most 765 bytes. No field is a key as
 * sent: search terms are derived and bounded in bytes (search-terms.ts), and
 * the e-mail guard key holds the lowercased e-mail, which the e-mail rule
 * keeps ASCII (lowercasing never grows it).
 */
const maxNameLength = 255;
const maxEmailLength = 254;
/** E.164: '+' and at most 15 digits. */
const maxE164Length = 16;
const maxReasonLength = 255;
/** Stored timestamps: 2026-01-15T10:00:00Z. */
const storedInstantLength = 20;
/** Ids sort as 10 zero-padded digits in the store's keys (lib/store/keys.ts). */
export const maxRecordId = 9_999_999_999;

export const customerName = z
  .string()
  .check(
    z.trim(),
    z.minLength(1, 'must not be empty'),
    z.maxLength(maxNameLength, `must be at most ${maxNameLength} characters`),
    z.refine(isUnicodeText, 'must be valid Unicode text'),
  );
export const customerEmail = z
  .pipe(
    z.string().check(z.trim(), z.maxLength(maxEmailLength, `must be at most ${maxEmailLength} characters`)),
    // zod's e-mail rule is ASCII only, so the lowercased guard key is as long as the e-mail.
    z.email('must be a valid e-mail address'),
  )
  // Trimmed first, then checked: documented as what a client sends, an e-mail of at most 254 characters.
  .register(z.globalRegistry, { override: { type: 'string', format: 'email', maxLength: maxEmailLength } });
export const customerPhone = z.pipe(
  z.string().check(z.maxLength(40, 'must be at most 40 characters')),
  z.transform((value: string, ctx) => {
    const phone = normalizePhone(value);
    if (!phone) {
      ctx.issues.push({ code: 'custom', input: value, message: 'must be a phone number in E.164 (+15551234567) or a common US format' });
      return z.NEVER;
    }
    return phone.e164;
  }),
);
const maxSlaHours = 8760;
export const defaultSlaHours = z
  .number('must be an integer')
  .check(z.int('must be an integer'), z.gte(0, 'must be 0 or more'), z.lte(maxSlaHours, `must be at most ${maxSlaHours} (one year)`));
export const taxExempt = z.boolean('must be true or false');
export const taxExemptionReason = z.nullable(
  z
    .string()
    .check(
      z.trim(),
      z.maxLength(maxReasonLength, `must be at most ${maxReasonLength} characters`),
      z.refine(isUnicodeText, 'must be valid Unicode text'),
    ),
);

/** A customer id in a body or a response. */
const customerIdValue = z
  .number('must be an integer')
  .check(z.int('must be an integer'), z.gte(1, 'must be a positive integer'), z.lte(maxRecordId, `must be at most ${maxRecordId}`));

export const createCustomerBody = z.strictObject({
  customer_name: customerName,
  customer_email: customerEmail,
  customer_phone: customerPhone,
  default_sla_hours: defaultSlaHours,
  tax_exempt: z._default(taxExempt, false),
  tax_exemption_reason: z._default(taxExemptionReason, null),
});
export type CreateCustomerInput = z.output<typeof createCustomerBody>;


const readOnly = 'Read-only: may be sent back as GET returned it; a value other than the stored one is rejected';

/**
 * A partial update. The read-only fields of the customer object are accepted
 * too, so that a client can PUT back what GET returned; the use-case checks
 * them against the stored record (read-only-fields.ts) and applies only the
 * writable ones.
 */
export const updateCustomerBody = z
  .strictObject({
    customer_id: z.optional(customerIdValue).register(z.globalRegistry, { description: readOnly }),
    customer_name: z.optional(customerName),
    customer_email: z.optional(customerEmail),
    customer_phone: z.optional(customerPhone),
    default_sla_hours: z.optional(defaultSlaHours),
    tax_exempt: z.optional(taxExempt),
    tax_exemption_reason: z.optional(taxExemptionReason),
    created_at: z.optional(sentBackInstant).register(z.globalRegistry, { description: readOnly }),
    updated_at: z.optional(sentBackInstant).register(z.globalRegistry, { description: readOnly }),
  })
  .check(
    z.refine((body) => Object.keys(body).some((k) => !(readOnlyFields as readonly string[]).includes(k)), {
      message: 'at least one writable field is required',
    }),
  )
  .register(z.globalRegistry, { override: { minProperties: 1 } });
export type UpdateCustomerInput = z.output<typeof updateCustomerBody>;
/** What an update applies: the body without its read-only fields (read-only-fields.ts writableFieldsOf). */
export type CustomerPatch = Omit<UpdateCustomerInput, ReadOnlyField>;

/** Positive integer ids in paths. A malformed id names no customer, so it answers 404 like an unknown one. */
export const recordId = z
  .pipe(z.string().check(z.regex(/^[1-9]\d{0,9}$/, 'must be a positive integer')), z.transform(Number))
  // Documented as the integer a client sends (zod-openapi reads this; validation is unchanged).
  .register(z.globalRegistry, { override: { type: 'integer', minimum: 1, maximum: maxRecordId, pattern: undefined } });
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

const positiveInt = (max: number) =>
  z
    .pipe(z.string().check(z.regex(/^\d+$/, 'must be a positive integer')), z.transform(Number))
    .check(z.refine((n) => n >= 1 && n <= max, `must be between 1 and ${max}`))
    // Documented as the integer a client sends, with the limits the refine checks.
    .register(z.globalRegistry, { override: { type: 'integer', minimum: 1, maximum: max, pattern: undefined } });

export const pageQuery = {
  page: z._default(positiveInt(1_000_000), 1),
  per_page: z._default(positiveInt(100), 50),
};

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

/** The customer object, field for field as seed 000 documents it. */
export const customerObject = z.object({
  customer_id: customerIdValue,
  customer_name: z.string().check(z.maxLength(maxNameLength)),
  customer_email: z.string().check(z.maxLength(maxEmailLength)),
  customer_phone: z.string().check(z.maxLength(maxE164Length)),
  default_sla_hours: z.number().check(z.int(), z.gte(0), z.lte(maxSlaHours)),
  tax_exempt: z.boolean(),
  tax_exemption_reason: z.nullable(z.string().check(z.maxLength(maxReasonLength))),
  created_at: z.string().check(z.maxLength(storedInstantLength)),
  updated_at: z.string().check(z.maxLength(storedInstantLength)),
}).register(z.globalRegistry, { id: 'Customer' });
export type CustomerObject = z.infer<typeof customerObject>;

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
    locations: z.optional(z.array(locationObject).check(z.maxLength(maxEmbeddedLocations))).register(z.globalRegistry, {
      description: `With include=locations: the primary location first, then by location_id, at most ${maxEmbeddedLocations}. When ${maxEmbeddedLocations} come back there may be more: GET /api/v1/customers/{customerId}/locations pages through all of them.`,
    }),
  })
  .register(z.globalRegistry, { id: 'CustomerDetail' });

