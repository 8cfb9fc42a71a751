import { sameInstant } from '../instants.js';
import { defineEntity, field, schemaSlots, type ApiObjectOf, type CreateInputOf, type PatchOf, type RecordOf, type UpdateInputOf } from './entity.js';
// Types only: the schemas themselves load where a body or an object is built (./contact-schemas.ts).
import type { ContactSchemas } from './contact-schemas.js';

/**
 * A customer's contact (Fentu's contacts, seed 001): a person at the
 * customer — who pays, who lets the crew in, who decides. It lives in its
 * customer's item collection (CONTACT#… sorts before the customer item), so
 * it is hidden with the customer in the trash and erased with it, and a GET
 * of the customer with include=contacts reads it in the same Query.
 */

export { contactLimits, contactRoles, type ContactRole } from './contact-limits.js';

const sameValue = (sent: unknown, current: unknown) => sent === current;
const sameTime = (sent: unknown, current: unknown) => sameInstant(sent, current as string | null);
/** Each field's request and response schemas, looked up in ./contact-schemas.ts when first built (never in a function that builds none). */
const { input, output } = schemaSlots<ContactSchemas>('contact');

export const contactEntity = defineEntity({
  name: 'contact',
  version: 1,
  apiName: 'Contact',
  fields: {
    contact_id: field.readOnly(output('contact_id'), input('contact_id'), sameValue),
    customer_id: field.readOnly(output('customer_id'), input('customer_id'), sameValue),
    first_name: field.writableWithDefault(input('first_name'), output('first_name'), null),
    last_name: field.writableWithDefault(input('last_name'), output('last_name'), null),
    title: field.writableWithDefault(input('title'), output('title'), null),
    email: field.writableWithDefault(input('email'), output('email'), null),
    phone: field.writableWithDefault(input('phone'), output('phone'), null),
    mobile: field.writableWithDefault(input('mobile'), output('mobile'), null),
    role: field.writableWithDefault(input('role'), output('role'), 'other'),
    /** Optional on create: a customer's first contact is primary whatever is sent. */
    is_primary: field.writableOptional(input('is_primary'), output('is_primary')),
    notes: field.writableWithDefault(input('notes'), output('notes'), null),
    created_at: field.readOnly(output('created_at'), input('created_at'), sameTime),
    updated_at: field.readOnly(output('updated_at'), input('updated_at'), sameTime),
    tenant_id: field.internal<string>(),
    /** +1 on every write: updates and deletes are conditioned on the version they read (its search terms derive from it). */
    version: field.internal<number>(),
    /** The search terms ("ns:value") this contact is indexed under, so an update or an erasure removes exactly those. */
    terms: field.internal<string[]>(),
  },
  keys: {
    /** In its customer's item collection, before the customer item (CONTACT#… < CUSTOMER), in id order. */
    primary: {
      pk: ['T', { field: 'tenant_id' }, 'C', { field: 'customer_id' }],
      sk: ['CONTACT', { field: 'contact_id', sortsAsNumber: true }],
    },
  },
});


type ContactFields = typeof contactEntity.fields;
export type ContactObject = ApiObjectOf<ContactFields>;
export type ContactRecord = RecordOf<ContactFields>;
export type CreateContactInput = CreateInputOf<ContactFields>;
export type UpdateContactInput = UpdateInputOf<ContactFields>;
export type ContactPatch = PatchOf<ContactFields>;
