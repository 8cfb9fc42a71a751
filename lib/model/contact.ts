import * as z from 'zod/mini';
import '../zod-locale.js';
import { sameInstant } from '../instants.js';
import { isUnicodeText, sentBackInstant } from '../text-rules.js';
import { requiredText } from './address.js';
import { buildOnce, defineEntity, field, type ApiObjectOf, type CreateInputOf, type PatchOf, type RecordOf, type UpdateInputOf } from './entity.js';
import { emailAddress, phoneNumber } from './reach.js';
import { recordIdValue } from './record-ids.js';

/**
 * A customer's contact (Fentu's contacts, seed 001): a person at the
 * customer — who pays, who lets the crew in, who decides. It lives in its
 * customer's item collection (CONTACT#… sorts before the customer item), so
 * it is hidden with the customer in the trash and erased with it, and a GET
 * of the customer with include=contacts reads it in the same Query.
 */

export const contactRoles = ['billing', 'site', 'decision_maker', 'other'] as const;
export type ContactRole = (typeof contactRoles)[number];

export const contactLimits = {
  name: 100,
  title: 100,
  email: 254,
  e164: 16,
  phoneInput: 40,
  notes: 2000,
  instant: 20,
  /** Per customer: a GET with include=contacts embeds them all, in one bounded Query. */
  perCustomer: 50,
} as const;

const L = contactLimits;
const sameValue = (sent: unknown, current: unknown) => sent === current;
const sameTime = (sent: unknown, current: unknown) => sameInstant(sent, current as string | null);
const storedInstant = () => z.string().check(z.maxLength(L.instant));
const nullableText = (max: number) => () => z.nullable(requiredText(max));
const textOut = (max: number) => () => z.nullable(z.string().check(z.maxLength(max)));
const notes = () =>
  z.nullable(z.string('must be a string').check(z.maxLength(L.notes, `must be at most ${L.notes} characters`), z.refine(isUnicodeText, 'must be valid Unicode text')));

/** A contact is somebody: a first or a last name, on create and after any update. */
const namedOnCreate = z.superRefine((body: { first_name?: string | null; last_name?: string | null }, ctx) => {
  if (!body.first_name && !body.last_name) {
    ctx.addIssue({ code: 'custom', path: ['first_name'], message: 'first_name or last_name is required' });
  }
});

export const contactEntity = defineEntity({
  name: 'contact',
  version: 1,
  apiName: 'Contact',
  fields: {
    contact_id: field.readOnly(recordIdValue, recordIdValue, sameValue),
    customer_id: field.readOnly(recordIdValue, recordIdValue, sameValue),
    first_name: field.writableWithDefault(nullableText(L.name), textOut(L.name), null),
    last_name: field.writableWithDefault(nullableText(L.name), textOut(L.name), null),
    title: field.writableWithDefault(nullableText(L.title), textOut(L.title), null),
    email: field.writableWithDefault(() => z.nullable(emailAddress(L.email)), textOut(L.email), null),
    phone: field.writableWithDefault(() => z.nullable(phoneNumber(L.phoneInput)), textOut(L.e164), null),
    mobile: field.writableWithDefault(() => z.nullable(phoneNumber(L.phoneInput)), textOut(L.e164), null),
    role: field.writableWithDefault(
      () => z.enum(contactRoles, `must be one of ${contactRoles.join(', ')}`),
      () => z.enum(contactRoles),
      'other',
    ),
    /** Optional on create: a customer's first contact is primary whatever is sent. */
    is_primary: field.writableOptional(() => z.boolean('must be true or false'), () => z.boolean()),
    notes: field.writableWithDefault(notes, textOut(L.notes), null),
    created_at: field.readOnly(storedInstant, sentBackInstant, sameTime),
    updated_at: field.readOnly(storedInstant, sentBackInstant, sameTime),
    tenant_id: field.internal<string>(),
    /** +1 on every write: updates and deletes are conditioned on the version they read (its search terms derive from it). */
    version: field.internal<number>(),
  },
  keys: {
    /** In its customer's item collection, before the customer item (CONTACT#… < CUSTOMER), in id order. */
    primary: {
      pk: ['T', { field: 'tenant_id' }, 'C', { field: 'customer_id' }],
      sk: ['CONTACT', { field: 'contact_id', sortsAsNumber: true }],
    },
  },
});

/** POST body: the entity's create body and the rule that a contact has a name (an update's is checked on the merged contact, in lib/contacts). */
export const createContactBody = buildOnce(() => contactEntity.createBody.check(namedOnCreate));

type ContactFields = typeof contactEntity.fields;
export type ContactObject = ApiObjectOf<ContactFields>;
export type ContactRecord = RecordOf<ContactFields>;
export type CreateContactInput = CreateInputOf<ContactFields>;
export type UpdateContactInput = UpdateInputOf<ContactFields>;
export type ContactPatch = PatchOf<ContactFields>;
