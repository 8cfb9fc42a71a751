import { ConflictError, NotFoundError, ServiceUnavailableError, ValidationError } from '../errors.js';
import { toStoredInstant } from '../instants.js';
import { contactEntity, contactLimits, type ContactObject, type ContactRecord, type CreateContactInput, type UpdateContactInput } from '../model/contact.js';
import { retryAgain, retryProfiles, withRetries } from '../retry-policy.js';
import { contactReads, contactWrites, type ContactRoster } from '../store/contact-store.js';
import { contactTermsOf, type ContactTermSource } from '../customers/search-terms.js';
import { toContactObject } from './contact-objects.js';
import type { ListContactsQuery } from './list-query.js';

/**
 * A customer's contacts, with the rules of locations' primary flag: the
 * first contact is primary, setting is_primary on another moves the flag in
 * one transaction, deleting the primary promotes the lowest remaining id.
 * Their names, e-mails and phones find the customer in a search.
 */


/** Concurrent writes to one customer's contacts retry on a fresh read; one that keeps losing is a 503. */
const retryingLostRaces = <T>(attempt: (n: number) => Promise<T | typeof retryAgain>) =>
  withRetries(retryProfiles.optimisticWrite, attempt, () => new ServiceUnavailableError());

async function rosterOrNotFound(tenantId: string, customerId: number, consistent = true): Promise<ContactRoster> {
  const roster = await contactReads.roster(tenantId, customerId, consistent);
  if (!roster) throw new NotFoundError('Customer');
  return roster;
}

/** The terms a contact is found by, as its item keeps them ("ns:value"). */
const storedTerms = (c: ContactTermSource) => contactTermsOf(c).map((t) => `${t.ns}:${t.value}`);

const full = () => new ConflictError(`A customer has at most ${contactLimits.perCustomer} contacts: delete one before adding another`);

export async function createContact(tenantId: string, customerId: number, input: CreateContactInput, now = () => new Date()): Promise<ContactObject> {
  // Checked before allocating, so requests for unknown customers (or full rosters) burn no ids.
  let roster = await rosterOrNotFound(tenantId, customerId);
  if (roster.count >= contactLimits.perCustomer) throw full();
  const contactId = await contactWrites.allocateId(tenantId);
  return retryingLostRaces(async (attempt) => {
    if (attempt > 1) roster = await rosterOrNotFound(tenantId, customerId);
    if (roster.count >= contactLimits.perCustomer) throw full();
    const at = toStoredInstant(now());
    const first = roster.count === 0;
    const isPrimary = first || input.is_primary === true;
    const fields = { ...input, is_primary: isPrimary };
    const record = contactEntity.newRecord(fields, {
      tenant_id: tenantId,
      customer_id: customerId,
      contact_id: contactId,
      created_at: at,
      updated_at: at,
      version: 1,
      terms: storedTerms(fields),
    });
    const demote = isPrimary && !first ? roster.primaryId : undefined;
    const outcome = await contactWrites.insert(record, roster, demote);
    if (outcome === 'no_customer') throw new NotFoundError('Customer');
    if (outcome === 'full') throw full();
    return outcome === 'ok' ? toContactObject(record) : retryAgain;
  });
}

export async function getContact(tenantId: string, customerId: number, contactId: number): Promise<ContactObject> {
  // In parallel: a trashed customer's contacts answer 404 like the customer.
  const [contact, roster] = await Promise.all([contactReads.get(tenantId, customerId, contactId), contactReads.roster(tenantId, customerId, false)]);
  if (!roster) throw new NotFoundError('Customer');
  if (!contact) throw new NotFoundError('Contact');
  return toContactObject(contact);
}

export interface ContactPage {
  items: ContactObject[];
  total: number;
}

/** A page of a customer's contacts in id order; the total is its roster's count (no counting read). */
export async function listContacts(tenantId: string, customerId: number, q: ListContactsQuery): Promise<ContactPage> {
  const offset = (q.page - 1) * q.per_page;
  const [roster, items] = await Promise.all([contactReads.roster(tenantId, customerId, false), contactReads.page(tenantId, customerId, offset, q.per_page)]);
  if (!roster) throw new NotFoundError('Customer');
  return { items: items.map(toContactObject), total: roster.count };
}

export async function updateContact(
  tenantId: string,
  customerId: number,
  contactId: number,
  body: UpdateContactInput,
  now = () => new Date(),
): Promise<ContactObject> {
  const patch = contactEntity.writableOf(body);
  return retryingLostRaces(async () => {
    const [before, roster] = await Promise.all([contactReads.get(tenantId, customerId, contactId, true), contactReads.roster(tenantId, customerId)]);
    if (!roster) throw new NotFoundError('Customer');
    if (!before) throw new NotFoundError('Contact');
    const shown = toContactObject(before);
    contactEntity.assertReadOnlyUnchanged(body, shown);
    if (patch.is_primary === false && before.is_primary) {
      throw new ValidationError('Invalid request: is_primary cannot be unset on the primary contact', [
        { field: 'is_primary', issue: 'a customer with contacts always has one primary contact; set is_primary: true on another contact instead' },
      ]);
    }
    const merged = { ...before, ...patch, is_primary: before.is_primary || patch.is_primary === true };
    if (!merged.first_name && !merged.last_name) {
      throw new ValidationError('Invalid request: a contact needs a first_name or a last_name', [
        { field: 'first_name', issue: 'first_name or last_name is required: this update would leave the contact without a name' },
      ]);
    }
    const changed = (Object.keys(patch) as (keyof typeof patch)[]).some((k) => merged[k] !== before[k]);
    if (!changed) return shown;
    const after: ContactRecord = { ...merged, updated_at: toStoredInstant(now()), version: before.version + 1, terms: storedTerms(merged) };
    const primaryMove = after.is_primary && !before.is_primary ? { roster, demote: roster.primaryId } : undefined;
    const outcome = await contactWrites.update(before, after, primaryMove);
    return outcome === 'ok' ? toContactObject(after) : retryAgain;
  });
}

/** Deletes a contact; deleting the primary promotes the lowest remaining id in the same transaction. */
export async function deleteContact(tenantId: string, customerId: number, contactId: number, now = () => new Date()): Promise<void> {
  await retryingLostRaces(async () => {
    const [contact, roster] = await Promise.all([contactReads.get(tenantId, customerId, contactId, true), contactReads.roster(tenantId, customerId)]);
    if (!roster) throw new NotFoundError('Customer');
    if (!contact) throw new NotFoundError('Contact');
    let promote: number | undefined;
    if (contact.is_primary && roster.count > 1) {
      promote = (await contactReads.page(tenantId, customerId, 0, 2, true)).map((c) => c.contact_id).find((id) => id !== contactId);
    }
    const outcome = await contactWrites.remove(contact, roster, promote, toStoredInstant(now()));
    return outcome === 'ok' ? undefined : retryAgain;
  });
}
