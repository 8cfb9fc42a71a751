import * as z from 'zod/mini';
import '../zod-locale.js';
import { sameInstant } from '../instants.js';
import { normalizePhone } from '../phone/phone.js';
import { isUnicodeText, sentBackInstant } from '../text-rules.js';
import { absentAsNull, defineEntity, field, type ApiObjectOf, type CreateInputOf, type PatchOf, type RecordOf, type UpdateInputOf } from './entity.js';
import { customerLayout } from './customer-layout.js';
import { recordIdValue } from './record-ids.js';

/**
 * THE customer: every field, what a client may write on create and update,
 * what the API shows, what the store keeps beside it, and how its item is
 * keyed. Request and response schemas, the record type and the key builders
 * all derive from this (lib/model/entity.ts).
 *
 * Stored-size limits: lengths count UTF-16 units, so a stored string is at
 * most 3 bytes per unit (a name ≤ 765 bytes). No field is a key as sent:
 * search terms are derived and bounded in bytes (lib/customers/search-terms.ts),
 * and the e-mail guard key holds the lowercased e-mail, which the e-mail rule
 * keeps ASCII (lowercasing never grows it).
 */
export const customerLimits = {
  name: 255,
  email: 254,
  /** E.164: '+' and at most 15 digits. */
  e164: 16,
  phoneInput: 40,
  reason: 255,
  slaHours: 8760,
  /** Stored timestamps: 2026-01-15T10:00:00Z. */
  instant: 20,
} as const;

const { name: maxName, email: maxEmail, reason: maxReason, slaHours: maxSla } = customerLimits;

/** The schemas below are builders: lib/model/entity.ts builds each on first use. */
const customerName = () =>
  z
    .string()
    .check(
      z.trim(),
      z.minLength(1, 'must not be empty'),
      z.maxLength(maxName, `must be at most ${maxName} characters`),
      z.refine(isUnicodeText, 'must be valid Unicode text'),
    );
/** Trimmed first, then checked; documented as what a client sends, an e-mail of at most 254 characters (lib/openapi/schema-docs.ts). */
const customerEmail = () =>
  z.pipe(
    z.string().check(z.trim(), z.maxLength(maxEmail, `must be at most ${maxEmail} characters`)),
    // zod's e-mail rule is ASCII only, so the lowercased guard key is as long as the e-mail.
    z.email('must be a valid e-mail address'),
  );
const customerPhone = () =>
  z.pipe(
    z.string().check(z.maxLength(customerLimits.phoneInput, `must be at most ${customerLimits.phoneInput} characters`)),
    z.transform((value: string, ctx) => {
      const phone = normalizePhone(value);
      if (!phone) {
        ctx.issues.push({ code: 'custom', input: value, message: 'must be a phone number in E.164 (+15551234567) or a common US format' });
        return z.NEVER;
      }
      return phone.e164;
    }),
  );
const defaultSlaHours = () =>
  z
    .number('must be an integer')
    .check(z.int('must be an integer'), z.gte(0, 'must be 0 or more'), z.lte(maxSla, `must be at most ${maxSla} (one year)`));
const taxExempt = () => z.boolean('must be true or false');
const taxExemptionReason = () =>
  z.nullable(
    z
      .string()
      .check(
        z.trim(),
        z.maxLength(maxReason, `must be at most ${maxReason} characters`),
        z.refine(isUnicodeText, 'must be valid Unicode text'),
      ),
  );

const storedInstant = () => z.string().check(z.maxLength(customerLimits.instant));
const sameValue = (sent: unknown, current: unknown) => sent === current;

export const customerEntity = defineEntity({
  // Name, version and keys: ./customer-layout.ts, which location writes read without the field schemas.
  ...customerLayout,
  apiName: 'Customer',
  // Seed 000's fields in its order: the API object lists them so.
  fields: {
    customer_id: field.readOnly(recordIdValue, recordIdValue, sameValue),
    customer_name: field.writable(customerName, () => z.string().check(z.maxLength(maxName))),
    customer_email: field.writable(customerEmail, () => z.string().check(z.maxLength(maxEmail))),
    customer_phone: field.writable(customerPhone, () => z.string().check(z.maxLength(customerLimits.e164))),
    default_sla_hours: field.writable(defaultSlaHours, () => z.number().check(z.int(), z.gte(0), z.lte(maxSla))),
    tax_exempt: field.writableWithDefault(taxExempt, () => z.boolean(), false),
    tax_exemption_reason: absentAsNull(field.writableWithDefault(taxExemptionReason, () => z.nullable(z.string().check(z.maxLength(maxReason))), null)),
    created_at: field.readOnly(storedInstant, sentBackInstant, (sent, current) => sameInstant(sent, current as string)),
    updated_at: field.readOnly(storedInstant, sentBackInstant, (sent, current) => sameInstant(sent, current as string)),
    // What the store keeps beside the API object:
    tenant_id: field.internal<string>(),
    /** Lowercased, trimmed e-mail: the uniqueness key (its guard item is emailGuardEntity). */
    email_key: field.internal<string>(),
    location_count: field.internal<number>(),
    /** Set by location writes once the customer has a location. */
    primary_location_id: field.internalOptional<number>(),
    /** Optimistic-concurrency version, bumped by every write. */
    version: field.internal<number>(),
    /** The search terms ("ns:value") this customer is indexed under, so an update removes exactly those. */
    terms: field.internal<string[]>(),
  },
});

type CustomerFields = typeof customerEntity.fields;
export type CustomerObject = ApiObjectOf<CustomerFields>;
export type CustomerRecord = RecordOf<CustomerFields>;
export type CreateCustomerInput = CreateInputOf<CustomerFields>;
export type UpdateCustomerInput = UpdateInputOf<CustomerFields>;
export type CustomerPatch = PatchOf<CustomerFields>;

export { emailGuardEntity, searchTermEntity, type Term, type TermNamespace } from './customer-index-items.js';
