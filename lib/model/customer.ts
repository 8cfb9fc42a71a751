import { sameInstant } from '../instants.js';
import { absentAsNull, defineEntity, field, schemaSlots, type ApiObjectOf, type CreateInputOf, type PatchOf, type RecordOf, type UpdateInputOf } from './entity.js';
import { customerLayout } from './customer-layout.js';
// Types only: the schemas themselves load where a body or an object is built (./customer-schemas.ts).
import type { CustomerSchemas } from './customer-schemas.js';

/**
 * THE customer: every field, what a client may write on create and update,
 * what the API shows, what the store keeps beside it, and how its item is
 * keyed. Request and response schemas, the record type and the key builders
 * all derive from this (lib/model/entity.ts). Each field's zod schemas are in
 * ./customer-schemas.ts, under the field's name (a field without them does
 * not compile): functions that build no customer body and no customer object
 * bundle none of them.
 *
 * No field is a key as sent:
 * search terms are derived and bounded in bytes (lib/customers/search-terms.ts),
 * and the e-mail guard key holds the lowercased e-mail, which the e-mail rule
 * keeps ASCII (lowercasing never grows it).
 */
export { customerLimits, customerStatuses, customerTypes, emailLabels, paymentTerms, phoneLabels, type CustomerStatus } from './customer-limits.js';

const sameValue = (sent: unknown, current: unknown) => sent === current;
/** Each field's request and response schemas, looked up in ./customer-schemas.ts when first built (never in a function that builds none). */
const { input, output } = schemaSlots<CustomerSchemas>(customerLayout.name);

export const customerEntity = defineEntity({
  // Name, version and keys: ./customer-layout.ts, which location writes read without the field schemas.
  ...customerLayout,
  apiName: 'Customer',
  // Seed 000's fields in its order: the API object lists them so.
  fields: {
    customer_id: field.readOnly(output('customer_id'), input('customer_id'), sameValue),
    customer_name: field.writable(input('customer_name'), output('customer_name')),
    customer_email: field.writable(input('customer_email'), output('customer_email')),
    customer_phone: field.writable(input('customer_phone'), output('customer_phone')),
    default_sla_hours: field.writable(input('default_sla_hours'), output('default_sla_hours')),
    tax_exempt: field.writableWithDefault(input('tax_exempt'), output('tax_exempt'), false),
    tax_exemption_reason: absentAsNull(field.writableWithDefault(input('tax_exemption_reason'), output('tax_exemption_reason'), null)),
    created_at: field.readOnly(output('created_at'), input('created_at'), (sent, current) => sameInstant(sent, current as string)),
    updated_at: field.readOnly(output('updated_at'), input('updated_at'), (sent, current) => sameInstant(sent, current as string)),
    // Beyond seed 000 (issue 9), after its nine fields:
    /** Given on create, or assigned (C-10001 …); unique per tenant, case-insensitive. Null only on customers created before numbers existed. */
    customer_number: absentAsNull(field.writableOptional(input('customer_number'), output('customer_number'))),
    customer_type: field.writableWithDefault(input('customer_type'), output('customer_type'), 'residential'),
    status: field.writableWithDefault(input('status'), output('status'), 'active'),
    first_name: field.writableWithDefault(input('first_name'), output('first_name'), null),
    last_name: field.writableWithDefault(input('last_name'), output('last_name'), null),
    company_name: field.writableWithDefault(input('company_name'), output('company_name'), null),
    display_as_company: field.writableWithDefault(input('display_as_company'), output('display_as_company'), false),
    is_lead: field.writableWithDefault(input('is_lead'), output('is_lead'), false),
    lead_source: field.writableWithDefault(input('lead_source'), output('lead_source'), null),
    billing_address: field.writableWithDefault(input('billing_address'), output('billing_address'), null),
    payment_terms: field.writableWithDefault(input('payment_terms'), output('payment_terms'), null),
    tax_id: field.writableWithDefault(input('tax_id'), output('tax_id'), null),
    website: field.writableWithDefault(input('website'), output('website'), null),
    account_credit: field.writableWithDefault(input('account_credit'), output('account_credit'), 0),
    notes: field.writableWithDefault(input('notes'), output('notes'), null),
    phones: field.writableWithDefault(input('phones'), output('phones'), []),
    emails: field.writableWithDefault(input('emails'), output('emails'), []),
    custom_fields: field.writableWithDefault(input('custom_fields'), output('custom_fields'), {}),
    /** Labels (issue 10): folded (lib/model/tags.ts), each once, sorted; stored as a String Set, so one tag is added or removed atomically. */
    tags: field.writableWithDefault(input('tags'), output('tags'), []),
    /** Set when the customer is moved to the trash; shown with include_deleted=1. */
    deleted_at: absentAsNull(field.readOnly(output('deleted_at'), input('deleted_at'), (sent, current) => sameInstant(sent, current as string | null))),
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
