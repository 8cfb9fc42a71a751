import * as z from 'zod/mini';
import '../zod-locale.js';
import { isUnicodeText, sentBackInstant } from '../text-rules.js';
import { requiredText } from './address.js';
import { contactLimits as L, contactRoles } from './contact-limits.js';
import { attachSchemas } from './entity.js';
import { emailAddress, phoneNumber } from './reach.js';
import { recordIdValue } from './record-ids.js';

/**
 * The contact's zod schemas, field by field (like ./customer-schemas.ts):
 * apart from the declaration so that functions which build no contact body
 * (the customer GET that embeds contacts, contact reads and deletes, the
 * erasure) bundle none of them, the phone rules included. The create and
 * update routes import this module, and so does the OpenAPI document.
 */

const nullableText = (max: number) => () => z.nullable(requiredText(max));
const textOut = (max: number) => () => z.nullable(z.string().check(z.maxLength(max)));
const storedInstant = () => z.string().check(z.maxLength(L.instant));
const notes = () =>
  z.nullable(z.string('must be a string').check(z.maxLength(L.notes, `must be at most ${L.notes} characters`), z.refine(isUnicodeText, 'must be valid Unicode text')));

export const contactSchemas = {
  contact_id: { input: () => recordIdValue, output: () => recordIdValue },
  customer_id: { input: () => recordIdValue, output: () => recordIdValue },
  first_name: { input: nullableText(L.name), output: textOut(L.name) },
  last_name: { input: nullableText(L.name), output: textOut(L.name) },
  title: { input: nullableText(L.title), output: textOut(L.title) },
  email: { input: () => z.nullable(emailAddress(L.email)), output: textOut(L.email) },
  phone: { input: () => z.nullable(phoneNumber(L.phoneInput)), output: textOut(L.e164) },
  mobile: { input: () => z.nullable(phoneNumber(L.phoneInput)), output: textOut(L.e164) },
  role: { input: () => z.enum(contactRoles, `must be one of ${contactRoles.join(', ')}`), output: () => z.enum(contactRoles) },
  is_primary: { input: () => z.boolean('must be true or false'), output: () => z.boolean() },
  notes: { input: notes, output: textOut(L.notes) },
  created_at: { input: () => sentBackInstant, output: storedInstant },
  updated_at: { input: () => sentBackInstant, output: storedInstant },
};
export type ContactSchemas = typeof contactSchemas;

attachSchemas('contact', contactSchemas);
