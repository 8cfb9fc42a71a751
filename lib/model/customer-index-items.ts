import { defineEntity, field } from './entity.js';

/** The items that index customers beside the customer item: its e-mail guard and its search terms. */

/** Uniqueness guard: one item per (tenant, normalized e-mail), written in the same transaction as its customer. */
export const emailGuardEntity = defineEntity({
  name: 'email_guard',
  version: 1,
  fields: {
    tenant_id: field.keyOnly<string>(),
    email_key: field.keyOnly<string>(),
    customer_id: field.internal<number>(),
  },
  keys: { primary: { pk: ['T', { field: 'tenant_id' }, 'EMAIL', { field: 'email_key' }], sk: ['EMAIL'] } },
});

/** Uniqueness guard of a customer_number: one item per (tenant, lowercased number), written in its customer's transactions. */
export const numberGuardEntity = defineEntity({
  name: 'number_guard',
  version: 1,
  fields: {
    tenant_id: field.keyOnly<string>(),
    number_key: field.keyOnly<string>(),
    customer_id: field.internal<number>(),
  },
  keys: { primary: { pk: ['T', { field: 'tenant_id' }, 'NUMBER', { field: 'number_key' }], sk: ['NUMBER'] } },
});

/** Term namespaces: `w` words of name/e-mail/domain, `p` phone digits, `r` phone digits reversed (for "ends with"). */
export type TermNamespace = 'w' | 'p' | 'r';

/** A search term or a looked-up prefix (lib/customers/search-terms.ts derives them). */
export interface Term {
  ns: TermNamespace;
  value: string;
}

/** Where every search term lives, a customer's or a contact's: by tenant, namespace and the term's first character. */
const termPartition = ['T', { field: 'tenant_id' }, 'TERM', { field: 'ns' }, { field: 'value', as: (v: string) => [...v][0] ?? '' }] as const;
/** What a term item holds: its facts are all in its keys. */
const termFields = {
  tenant_id: field.keyOnly<string>(),
  ns: field.keyOnly<TermNamespace>(),
  value: field.keyOnly<string>(),
  customer_id: field.keyOnly<number>(),
};

/**
 * A search term: one small item per (term, customer), its facts in its keys.
 * Partitioned by tenant, namespace and the term's first character, so a
 * prefix query touches one partition and reads only matching terms.
 */
export const searchTermEntity = defineEntity({
  name: 'term',
  version: 1,
  fields: termFields,
  keys: {
    primary: {
      pk: termPartition,
      sk: [{ field: 'value' }, { field: 'customer_id', sortsAsNumber: true }],
    },
  },
});

/**
 * A search term of one of a customer's contacts: found by the same prefix
 * Query as the customer's own terms (same partition, the sort key starts with
 * the term then the customer id), and owned by the contact, so the contact's
 * writes add and remove exactly its own. A customer in the trash keeps these
 * (its contacts may number 50); searches leave trashed customers out by their
 * gap buckets instead, and an erasure deletes them with the contacts.
 */
export const contactTermEntity = defineEntity({
  name: 'contact_term',
  version: 1,
  fields: { ...termFields, contact_id: field.keyOnly<number>() },
  keys: {
    primary: {
      pk: termPartition,
      sk: [{ field: 'value' }, { field: 'customer_id', sortsAsNumber: true }, 'CT', { field: 'contact_id', sortsAsNumber: true }],
    },
  },
});

/**
 * A customer carries a tag: one item per (tag, customer) in the tag's own
 * partition, in id order, so `GET /customers?tag=` reads only its page's
 * members whatever the tag's size. Written in the transactions that add the
 * tag to the customer's set, and deleted with it, by the trash too (a
 * restore writes it again), so members are exactly the listed customers
 * carrying the tag.
 */
export const tagMemberEntity = defineEntity({
  name: 'tag_member',
  version: 1,
  fields: {
    tenant_id: field.keyOnly<string>(),
    tag: field.keyOnly<string>(),
    customer_id: field.keyOnly<number>(),
  },
  keys: { primary: { pk: ['T', { field: 'tenant_id' }, 'TAG', { field: 'tag' }], sk: [{ field: 'customer_id', sortsAsNumber: true }] } },
});
