import * as z from 'zod/mini';
import '../zod-locale.js';
import { sameInstant } from '../instants.js';
import { normalizePhone } from '../phone/phone.js';
import { isUnicodeText, sentBackInstant } from '../text-rules.js';
import { addressCity, addressLimits, addressState, addressStreet, addressZip, requiredText } from './address.js';
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
  customerNumber: 40,
  personName: 100,
  leadSource: 100,
  taxId: 40,
  website: 255,
  notes: 5000,
  /** Dollars and cents, at most 2 decimal places. */
  accountCredit: 99_999_999.99,
  extraPhones: 5,
  extraEmails: 5,
  customFields: 25,
  customFieldKey: 40,
  customFieldValue: 500,
} as const;

export const customerTypes = ['residential', 'commercial'] as const;
export const customerStatuses = ['active', 'inactive'] as const;
export type CustomerStatus = (typeof customerStatuses)[number];
export const paymentTerms = ['due_on_receipt', 'net15', 'net30', 'net60'] as const;
export const phoneLabels = ['mobile', 'home', 'work', 'fax', 'other'] as const;
export const emailLabels = ['personal', 'work', 'billing', 'other'] as const;

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

// ---- the fields Fentu, Skimmer and Kickserv teams bring (issue 9): all optional on write ----
const L = customerLimits;
const oneOf = <T extends readonly [string, ...string[]]>(values: T) => z.enum(values, `must be one of ${values.join(', ')}`);
const flag = () => z.boolean('must be true or false');
const nullableText = (max: number) => () => z.nullable(requiredText(max));
const textOut = (max: number) => () => z.nullable(z.string().check(z.maxLength(max)));
/** Letters, digits, spaces and . _ / -, starting with a letter or digit: printable on a work order, and never a key separator. */
const customerNumber = () =>
  z.string('must be a string').check(
    // Room for surrounding spaces, which are trimmed; the pattern bounds what is kept.
    z.maxLength(L.customerNumber + 24, `must be at most ${L.customerNumber} characters`),
    z.trim(),
    z.regex(/^[A-Za-z0-9][A-Za-z0-9 ._/-]{0,39}$/, `must be 1 to ${L.customerNumber} letters, digits, spaces or . _ / -, starting with a letter or digit`),
  );
const website = () =>
  z.nullable(
    z.string('must be a string').check(
      z.trim(),
      z.maxLength(L.website, `must be at most ${L.website} characters`),
      z.regex(/^https?:\/\/[^\s/?#]+\.[^\s/?#]+(?:[/?#]\S*)?$/i, 'must be an http or https URL, e.g. https://example.com'),
    ),
  );
/** Money is exact: at most two decimal places (checked on the number as written), stored as a DynamoDB decimal, never summed in floating point. */
const accountCredit = () =>
  z.number('must be a number').check(
    z.gte(0, 'must be 0 or more'),
    z.lte(L.accountCredit, `must be at most ${L.accountCredit}`),
    z.refine((n) => /^\d+(\.\d{1,2})?$/.test(String(n)), 'must have at most 2 decimal places (dollars and cents)'),
  );
const notes = () =>
  z.nullable(z.string('must be a string').check(z.maxLength(L.notes, `must be at most ${L.notes} characters`), z.refine(isUnicodeText, 'must be valid Unicode text')));
const billingAddress = () =>
  z.nullable(
    z.strictObject({
      street: addressStreet(),
      street2: z._default(nullableText(addressLimits.street)(), null),
      city: addressCity(),
      state: addressState(),
      zip: addressZip(),
    }),
  );
const billingAddressOut = () => {
  const street = z.string().check(z.maxLength(addressLimits.street));
  return z.nullable(z.object({ street, street2: z.nullable(street), city: z.string().check(z.maxLength(addressLimits.city)), state: z.string().check(z.length(2)), zip: z.string().check(z.length(5)) }));
};
const listOf = <T extends z.core.$ZodType>(item: T, max: number, what: string) =>
  z.array(item).check(z.maxLength(max, `must have at most ${max} ${what}`));
const extraPhones = () =>
  listOf(z.strictObject({ number: customerPhone(), label: z._default(oneOf(phoneLabels), 'other'), sms_opt_in: z._default(flag(), false) }), L.extraPhones, 'phones');
const extraPhonesOut = () =>
  z.array(z.object({ number: z.string().check(z.maxLength(L.e164)), label: z.enum(phoneLabels), sms_opt_in: z.boolean() })).check(z.maxLength(L.extraPhones));
/** Extra e-mails are not unique across customers (docs/data-model.md says why); within one customer each appears once. */
const extraEmails = () =>
  listOf(z.strictObject({ address: customerEmail(), label: z._default(oneOf(emailLabels), 'other'), is_billing: z._default(flag(), false) }), L.extraEmails, 'e-mails').check(
    z.refine((list) => new Set(list.map((e) => e.address.toLowerCase())).size === list.length, 'must not list an address twice'),
  );
const extraEmailsOut = () =>
  z.array(z.object({ address: z.string().check(z.maxLength(maxEmail)), label: z.enum(emailLabels), is_billing: z.boolean() })).check(z.maxLength(L.extraEmails));
const customFieldKey = () => z.string().check(
  z.maxLength(L.customFieldKey, `keys must be at most ${L.customFieldKey} characters`),
  z.regex(/^[A-Za-z0-9][A-Za-z0-9 _.-]{0,39}$/, `keys must be 1 to ${L.customFieldKey} letters, digits, spaces or _ . -, starting with a letter or digit`),
);
const customFields = () =>
  z
    .record(
      customFieldKey(),
      z.string('must be a string').check(z.maxLength(L.customFieldValue, `must be at most ${L.customFieldValue} characters`), z.refine(isUnicodeText, 'must be valid Unicode text')),
    )
    .check(z.refine((map) => Object.keys(map).length <= L.customFields, `must have at most ${L.customFields} keys`));
const customFieldsOut = () => z.record(z.string().check(z.maxLength(L.customFieldKey)), z.string().check(z.maxLength(L.customFieldValue)));
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
    // Beyond seed 000 (issue 9), after its nine fields:
    /** Given on create, or assigned (C-10001 …); unique per tenant, case-insensitive. Null only on customers created before numbers existed. */
    customer_number: absentAsNull(field.writableOptional(customerNumber, textOut(L.customerNumber))),
    customer_type: field.writableWithDefault(() => oneOf(customerTypes), () => z.enum(customerTypes), 'residential'),
    status: field.writableWithDefault(() => oneOf(customerStatuses), () => z.enum(customerStatuses), 'active'),
    first_name: field.writableWithDefault(nullableText(L.personName), textOut(L.personName), null),
    last_name: field.writableWithDefault(nullableText(L.personName), textOut(L.personName), null),
    company_name: field.writableWithDefault(nullableText(maxName), textOut(maxName), null),
    display_as_company: field.writableWithDefault(flag, () => z.boolean(), false),
    is_lead: field.writableWithDefault(flag, () => z.boolean(), false),
    lead_source: field.writableWithDefault(nullableText(L.leadSource), textOut(L.leadSource), null),
    billing_address: field.writableWithDefault(billingAddress, billingAddressOut, null),
    payment_terms: field.writableWithDefault(() => z.nullable(oneOf(paymentTerms)), () => z.nullable(z.enum(paymentTerms)), null),
    tax_id: field.writableWithDefault(nullableText(L.taxId), textOut(L.taxId), null),
    website: field.writableWithDefault(website, textOut(L.website), null),
    account_credit: field.writableWithDefault(accountCredit, () => z.number().check(z.gte(0), z.lte(L.accountCredit)), 0),
    notes: field.writableWithDefault(notes, textOut(L.notes), null),
    phones: field.writableWithDefault(extraPhones, extraPhonesOut, []),
    emails: field.writableWithDefault(extraEmails, extraEmailsOut, []),
    custom_fields: field.writableWithDefault(customFields, customFieldsOut, {}),
    /** Set when the customer is moved to the trash; shown with include_deleted=1. */
    deleted_at: absentAsNull(field.readOnly(() => z.nullable(storedInstant()), () => z.nullable(sentBackInstant), (sent, current) => sameInstant(sent, current as string | null))),
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
    /** Lowercased customer_number: the key of its uniqueness guard (numberGuardEntity). */
    number_key: field.internalOptional<string>(),
    /** When a trashed customer is erased for good (deleted_at + 30 days; sooner once a purge starts). */
    purge_after: field.internalOptional<string>(),
    /** Set when its erasure began: it can no longer be restored, and a re-run finishes it. */
    purge_started_at: field.internalOptional<string>(),
  },
});

type CustomerFields = typeof customerEntity.fields;
export type CustomerObject = ApiObjectOf<CustomerFields>;
export type CustomerRecord = RecordOf<CustomerFields>;
export type CreateCustomerInput = CreateInputOf<CustomerFields>;
export type UpdateCustomerInput = UpdateInputOf<CustomerFields>;
/** What creating a customer needs in code (bench, imports, tests): seed 000's required fields; the rest default as in a POST body. */
export type NewCustomerInput = Pick<CreateCustomerInput, 'customer_name' | 'customer_email' | 'customer_phone' | 'default_sla_hours'> & Partial<CreateCustomerInput>;
export type CustomerPatch = PatchOf<CustomerFields>;

export { emailGuardEntity, numberGuardEntity, searchTermEntity, type Term, type TermNamespace } from './customer-index-items.js';
