import { contactEntity, type ContactObject, type ContactRecord } from '../model/contact.js';

/** A contact's API object, and the contacts a customer GET embeds: apart from the use-cases, so the customer GET bundles only this. */

export const toContactObject = (c: ContactRecord): ContactObject => contactEntity.toApiObject(c);

/** Every contact of a customer (at most 50), primary first, then by id: what include=contacts embeds. */
export function embeddedContacts(contacts: ContactRecord[]): ContactObject[] {
  return [...contacts].sort((a, b) => Number(b.is_primary) - Number(a.is_primary) || a.contact_id - b.contact_id).map(toContactObject);
}
