import * as z from 'zod/mini';
import '../zod-locale.js';
import { isUnicodeText, sentBackInstant } from '../text-rules.js';
import { addressCity, addressLimits, addressState, addressStreet, addressZip, requiredText } from './address.js';
import { attachSchemas } from './entity.js';
import { customerLimits, customerStatuses, customerTypes, emailLabels, paymentTerms, phoneLabels } from './customer-limits.js';
import { customerLayout } from './customer-layout.js';
import { emailAddress, phoneNumber } from './reach.js';
import { recordIdValue } from './record-ids.js';
import { tagLimits, tagSetOf } from './tags.js';
import { sentTag } from './tag-schema.js';

/**
 * The customer's zod schemas, field by field: what a request may carry
 * (limits, formats, messages) and what a response documents. Apart from the
 * declaration (./customer.ts) so that a function that builds no customer body
 * and no customer object (get, list, delete, restore, bulk status) bundles
 * none of them: importing this module attaches them to the declaration, which
 * builds each on first use. The create and update routes import it, and so
 * does the OpenAPI document.
 */

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
const customerEmail = () => emailAddress(maxEmail);
const customerPhone = () => phoneNumber(customerLimits.phoneInput);
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
/**
 * Tags as sent: each folded (./tags.ts) and checked, then duplicates folded
 * and the list sorted; the limit counts distinct tags, so ["VIP", "vip"] is one.
 */
const tags = () =>
  z
    .pipe(
      z.array(sentTag()).check(z.maxLength(tagLimits.sentList, `must have at most ${tagLimits.perCustomer} tags`)),
      z.transform((list: string[]) => tagSetOf(list)),
    )
    .check(z.refine((list: string[]) => list.length <= tagLimits.perCustomer, `must have at most ${tagLimits.perCustomer} tags`));
const tagsOut = () => z.array(z.string().check(z.maxLength(tagLimits.length * 2))).check(z.maxLength(tagLimits.perCustomer));
const customFieldsOut = () => z.record(z.string().check(z.maxLength(L.customFieldKey)), z.string().check(z.maxLength(L.customFieldValue)));

/** Per field: `input` (what a body may carry; for read-only fields, what a PUT may send back) and `output` (what the API object documents). */
export const customerSchemas = {
  customer_id: { input: () => recordIdValue, output: () => recordIdValue },
  customer_name: { input: customerName, output: () => z.string().check(z.maxLength(maxName)) },
  customer_email: { input: customerEmail, output: () => z.string().check(z.maxLength(maxEmail)) },
  customer_phone: { input: customerPhone, output: () => z.string().check(z.maxLength(customerLimits.e164)) },
  default_sla_hours: { input: defaultSlaHours, output: () => z.number().check(z.int(), z.gte(0), z.lte(maxSla)) },
  tax_exempt: { input: taxExempt, output: () => z.boolean() },
  tax_exemption_reason: { input: taxExemptionReason, output: () => z.nullable(z.string().check(z.maxLength(maxReason))) },
  created_at: { input: () => sentBackInstant, output: storedInstant },
  updated_at: { input: () => sentBackInstant, output: storedInstant },
  customer_number: { input: customerNumber, output: textOut(L.customerNumber) },
  customer_type: { input: () => oneOf(customerTypes), output: () => z.enum(customerTypes) },
  status: { input: () => oneOf(customerStatuses), output: () => z.enum(customerStatuses) },
  first_name: { input: nullableText(L.personName), output: textOut(L.personName) },
  last_name: { input: nullableText(L.personName), output: textOut(L.personName) },
  company_name: { input: nullableText(maxName), output: textOut(maxName) },
  display_as_company: { input: flag, output: () => z.boolean() },
  is_lead: { input: flag, output: () => z.boolean() },
  lead_source: { input: nullableText(L.leadSource), output: textOut(L.leadSource) },
  billing_address: { input: billingAddress, output: billingAddressOut },
  payment_terms: { input: () => z.nullable(oneOf(paymentTerms)), output: () => z.nullable(z.enum(paymentTerms)) },
  tax_id: { input: nullableText(L.taxId), output: textOut(L.taxId) },
  website: { input: website, output: textOut(L.website) },
  account_credit: { input: accountCredit, output: () => z.number().check(z.gte(0), z.lte(L.accountCredit)) },
  notes: { input: notes, output: textOut(L.notes) },
  phones: { input: extraPhones, output: extraPhonesOut },
  emails: { input: extraEmails, output: extraEmailsOut },
  custom_fields: { input: customFields, output: customFieldsOut },
  tags: { input: tags, output: tagsOut },
  deleted_at: { input: () => z.nullable(sentBackInstant), output: () => z.nullable(storedInstant()) },
};
export type CustomerSchemas = typeof customerSchemas;

attachSchemas(customerLayout.name, customerSchemas);
