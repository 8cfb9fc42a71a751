import { contactEntity } from '../../model/contact.js';
import { lastIdOf, primaryKeyOf, sortKeyPrefixOf } from '../entity-items.js';
import { customerKeys } from './customer-keys.js';

/** Keys of a contact and of its customer's contact roster, derived from the contact's declaration (lib/model/contact.ts). */

export const contactKeys = {
  contact: (tenantId: string, customerId: number, contactId: number) =>
    primaryKeyOf(contactEntity, { tenant_id: tenantId, customer_id: customerId, contact_id: contactId }),
  collection: (tenantId: string, customerId: number) => customerKeys.collection(tenantId, customerId),
  /** Every contact sort key starts so (and sorts before the roster and the customer item: '#' < 'S' < 'U'). */
  prefix: sortKeyPrefixOf(contactEntity, 'primary'),
  idFromSortKey: (sk: string) => lastIdOf(contactEntity, 'primary', 'sk', sk),
  /** The customer's contact count and primary contact: CONTACTS, between its contacts and the customer item. */
  roster: (tenantId: string, customerId: number) => ({ pk: customerKeys.collection(tenantId, customerId), sk: 'CONTACTS' }),
};
