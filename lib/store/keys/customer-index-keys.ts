import { contactTermEntity, emailGuardEntity, numberGuardEntity, searchTermEntity, tagMemberEntity, type TermNamespace } from '../../model/customer-index-items.js';
import { lastIdOf, partitionOf, primaryKeyOf } from '../entity-items.js';

/** Keys of a customer's e-mail guard and search terms, derived from their declarations (lib/model/customer-index-items.ts). */

export const emailGuardKeys = {
  guard: (tenantId: string, normalizedEmail: string) => primaryKeyOf(emailGuardEntity, { tenant_id: tenantId, email_key: normalizedEmail }),
};

export const numberGuardKeys = {
  guard: (tenantId: string, numberKey: string) => primaryKeyOf(numberGuardEntity, { tenant_id: tenantId, number_key: numberKey }),
};

export const searchTermKeys = {
  term: (tenantId: string, namespace: TermNamespace, term: string, customerId: number) =>
    primaryKeyOf(searchTermEntity, { tenant_id: tenantId, ns: namespace, value: term, customer_id: customerId }),
  /** The partition holding every term that starts as `termOrPrefix` does. */
  partition: (tenantId: string, namespace: TermNamespace, termOrPrefix: string) =>
    partitionOf(searchTermEntity, 'primary', { tenant_id: tenantId, ns: namespace, value: termOrPrefix }),
  idFromSortKey: (sk: string) => lastIdOf(searchTermEntity, 'primary', 'sk', sk),
};

export const contactTermKeys = {
  term: (tenantId: string, namespace: TermNamespace, term: string, customerId: number, contactId: number) =>
    primaryKeyOf(contactTermEntity, { tenant_id: tenantId, ns: namespace, value: term, customer_id: customerId, contact_id: contactId }),
  /** The customer id in a contact term's sort key: `{term}#{customer id}#CT#{contact id}`, and a term holds no '#'. */
  customerIdFromSortKey: (sk: string) => Number(sk.split('#').at(-3)),
};

export const tagMemberKeys = {
  member: (tenantId: string, tag: string, customerId: number) => primaryKeyOf(tagMemberEntity, { tenant_id: tenantId, tag, customer_id: customerId }),
  /** Every customer carrying the tag, in id order. */
  partition: (tenantId: string, tag: string) => partitionOf(tagMemberEntity, 'primary', { tenant_id: tenantId, tag }),
  idFromSortKey: (sk: string) => lastIdOf(tagMemberEntity, 'primary', 'sk', sk),
};
