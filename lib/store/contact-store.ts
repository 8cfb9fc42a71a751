import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { contactEntity, contactLimits, type ContactRecord } from '../model/contact.js';
import { contactTermEntity, type Term, type TermNamespace } from '../model/customer-index-items.js';
import { store } from './client.js';
import { customerPresence } from './customer-presence.js';
import { itemOf, markerSetClause, recordOf } from './entity-items.js';
import { contactTermKeys } from './keys/customer-index-keys.js';
import { contactKeys } from './keys/contact-keys.js';
import { queryPages } from './query-pages.js';
import { addToTenantCounter } from './tenant-counters.js';
import { transactWrite } from './transactions.js';

type TransactItem = Parameters<typeof transactWrite>[0][number];

export type { ContactRecord };

/**
 * A customer's contact bookkeeping, on one small item of its collection
 * (CONTACTS): how many contacts it has and which is primary. Apart from the
 * customer item, so contact writes never make a customer update retry.
 */
export interface ContactRoster {
  tenantId: string;
  customerId: number;
  count: number;
  primaryId: number | undefined;
}

/** The fields of a contact an update may change. */
export type ContactChanges = Partial<Omit<ContactRecord, 'tenant_id' | 'customer_id' | 'contact_id' | 'created_at' | 'version'>>;

const rosterEntityName = 'contact_roster';
const contactItem = (c: ContactRecord) => itemOf(contactEntity, c);
const termItem = (c: Pick<ContactRecord, 'tenant_id' | 'customer_id' | 'contact_id'>, t: Term) =>
  itemOf(contactTermEntity, { tenant_id: c.tenant_id, ns: t.ns, value: t.value, customer_id: c.customer_id, contact_id: c.contact_id });
const termKey = (c: Pick<ContactRecord, 'tenant_id' | 'customer_id' | 'contact_id'>, t: Term) => contactTermKeys.term(c.tenant_id, t.ns, t.value, c.customer_id, c.contact_id);
/** A stored term ("ns:value", as the contact's `terms` hold it) as a Term. */
const parseTerm = (k: string): Term => ({ ns: k[0] as TermNamespace, value: k.slice(2) });

/**
 * The roster's side of a contact write: count ±delta, the primary pointer,
 * conditioned on exactly what the caller decided from — the count (a create
 * must stay under the per-customer limit) and, when the write moves the
 * primary flag, which contact held it.
 */
function rosterUpdate(r: ContactRoster, delta: -1 | 0 | 1, newPrimary: number | undefined, reliesOnPrimary: boolean): TransactItem {
  const markers = markerSetClause(rosterEntityName);
  const after = r.count + delta;
  const set = [markers.clause, ...(newPrimary !== undefined ? ['primary_contact_id = :primary'] : [])];
  const remove = newPrimary === undefined && after === 0 ? ' REMOVE primary_contact_id' : '';
  const conditions: string[] = [];
  const values: Record<string, unknown> = { ...markers.values, ':d': delta };
  if (newPrimary !== undefined) values[':primary'] = newPrimary;
  if (delta > 0) {
    conditions.push('(attribute_not_exists(contact_count) OR contact_count < :max)');
    values[':max'] = contactLimits.perCustomer;
    // The first contact becomes primary: only while it still is the first. Later creates do not pin the count,
    // so a burst of them does not make each other retry.
    if (r.count === 0) {
      conditions.push('(attribute_not_exists(contact_count) OR contact_count = :zero)');
      values[':zero'] = 0;
    }
  }
  if (delta < 0 && after === 0) {
    // The last contact goes, and the primary pointer with it: only if no contact was added meanwhile.
    conditions.push('contact_count = :seen');
    values[':seen'] = r.count;
  }
  if (reliesOnPrimary) {
    if (r.primaryId === undefined) conditions.push('attribute_not_exists(primary_contact_id)');
    else {
      conditions.push('primary_contact_id = :seenPrimary');
      values[':seenPrimary'] = r.primaryId;
    }
  }
  return {
    Update: {
      TableName: store().tableName,
      Key: contactKeys.roster(r.tenantId, r.customerId),
      UpdateExpression: `SET ${set.join(', ')} ADD contact_count :d${remove}`,
      ...(conditions.length ? { ConditionExpression: conditions.join(' AND ') } : {}),
      ExpressionAttributeValues: values,
    },
  };
}

/** Sets is_primary on another contact (demotion or promotion) inside the transaction. */
function primaryFlag(r: ContactRoster, contactId: number, isPrimary: boolean, at: string): TransactItem {
  return {
    Update: {
      TableName: store().tableName,
      Key: contactKeys.contact(r.tenantId, r.customerId, contactId),
      UpdateExpression: 'SET is_primary = :p, updated_at = :at ADD version :one',
      ConditionExpression: 'attribute_exists(pk)',
      ExpressionAttributeValues: { ':p': isPrimary, ':at': at, ':one': 1 },
    },
  };
}

/** Term Deletes and Puts that take a contact's stored terms from `before` to `after`. */
function termChanges(c: Pick<ContactRecord, 'tenant_id' | 'customer_id' | 'contact_id'>, before: string[], after: string[]): TransactItem[] {
  const { tableName } = store();
  const kept = new Set(after);
  const had = new Set(before);
  return [
    ...before.filter((k) => !kept.has(k)).map((k) => ({ Delete: { TableName: tableName, Key: termKey(c, parseTerm(k)) } })),
    ...after.filter((k) => !had.has(k)).map((k) => ({ Put: { TableName: tableName, Item: termItem(c, parseTerm(k)) } })),
  ];
}

const rosterOf = (tenantId: string, customerId: number, item: Record<string, unknown>): ContactRoster => ({
  tenantId,
  customerId,
  count: Number(item.contact_count ?? 0),
  primaryId: item.primary_contact_id === undefined ? undefined : Number(item.primary_contact_id),
});

export const contactReads = {
  /** The customer's roster; undefined when the tenant has no such customer, or it is in the trash (one BatchGetItem). */
  async roster(tenantId: string, customerId: number, consistent = true): Promise<ContactRoster | undefined> {
    const item = await customerPresence.liveWith(tenantId, customerId, contactKeys.roster(tenantId, customerId), consistent);
    return item && rosterOf(tenantId, customerId, item);
  },
  async get(tenantId: string, customerId: number, contactId: number, consistent = false): Promise<ContactRecord | undefined> {
    const { doc, tableName } = store();
    const out = await doc.send(new GetCommand({ TableName: tableName, Key: contactKeys.contact(tenantId, customerId, contactId), ConsistentRead: consistent }));
    return out.Item ? recordOf<ContactRecord>(out.Item) : undefined;
  },
  /** A customer's contacts in id order, positions [offset, offset+limit): reads only up to the page's end. */
  async page(tenantId: string, customerId: number, offset: number, limit: number, consistent = false): Promise<ContactRecord[]> {
    const items: ContactRecord[] = [];
    await queryPages(
      {
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
        ExpressionAttributeValues: { ':pk': contactKeys.collection(tenantId, customerId), ':prefix': contactKeys.prefix },
        ConsistentRead: consistent,
      },
      (item) => items.push(recordOf<ContactRecord>(item)),
      offset + limit,
    );
    return items.slice(offset, offset + limit);
  },
};

export const contactWrites = {
  /** Per-tenant contact ids (the same counters item as the other ids). */
  allocateId: (tenantId: string): Promise<number> => addToTenantCounter(tenantId, 'last_contact_id', 1),
  /**
   * The contact, its search terms and the roster in one transaction,
   * conditioned on the customer being live; `demote` (the previous primary)
   * loses the flag in it when the new contact takes it. 'conflict': the
   * roster changed since it was read; 'full': the customer has the most
   * contacts allowed; 'no_customer': trashed or erased meanwhile.
   */
  async insert(c: ContactRecord, roster: ContactRoster, demote?: number): Promise<'ok' | 'conflict' | 'full' | 'no_customer'> {
    const items: TransactItem[] = [
      { Put: { TableName: store().tableName, Item: contactItem(c), ConditionExpression: 'attribute_not_exists(pk)' } },
      rosterUpdate(roster, 1, c.is_primary ? c.contact_id : undefined, demote !== undefined),
      customerPresence.liveCheck(c.tenant_id, c.customer_id),
      ...termChanges(c, [], c.terms),
    ];
    if (demote !== undefined) items.push(primaryFlag(roster, demote, false, c.updated_at));
    const result = await transactWrite(items);
    if (result.ok) return 'ok';
    if (result.failedConditions.includes(0)) throw new Error(`contact id ${c.contact_id} of tenant ${c.tenant_id} already in use`);
    if (result.failedConditions.includes(2)) return 'no_customer';
    return roster.count >= contactLimits.perCustomer ? 'full' : 'conflict';
  },
  /**
   * Applies `changes` to a contact read as `before` (conditioned on its
   * version), with its term changes; when it becomes primary, the previous
   * primary and the roster change in the same transaction.
   */
  async update(
    before: ContactRecord,
    after: ContactRecord,
    primaryMove?: { roster: ContactRoster; demote: number | undefined },
  ): Promise<'ok' | 'conflict'> {
    const { tableName } = store();
    const items: TransactItem[] = [
      { Put: { TableName: tableName, Item: contactItem(after), ConditionExpression: 'version = :v', ExpressionAttributeValues: { ':v': before.version } } },
      ...termChanges(before, before.terms, after.terms),
    ];
    if (primaryMove) {
      items.push(rosterUpdate(primaryMove.roster, 0, before.contact_id, true));
      if (primaryMove.demote !== undefined) items.push(primaryFlag(primaryMove.roster, primaryMove.demote, false, after.updated_at));
    }
    return (await transactWrite(items)).ok ? 'ok' : 'conflict';
  },
  /** Deletes a contact and its terms; `promote` (the next primary) gains the flag in the same transaction. */
  async remove(c: ContactRecord, roster: ContactRoster, promote: number | undefined, at: string): Promise<'ok' | 'conflict'> {
    const items: TransactItem[] = [
      {
        Delete: {
          TableName: store().tableName,
          Key: contactKeys.contact(c.tenant_id, c.customer_id, c.contact_id),
          ConditionExpression: 'version = :v',
          ExpressionAttributeValues: { ':v': c.version },
        },
      },
      rosterUpdate(roster, -1, promote, c.is_primary),
      ...termChanges(c, c.terms, []),
    ];
    if (promote !== undefined) items.push(primaryFlag(roster, promote, true, at));
    return (await transactWrite(items)).ok ? 'ok' : 'conflict';
  },
};

/** What an erasure deletes of a contact beyond its item: its search terms, which live outside the collection. */
export const contactErasure = {
  termKeysOf: (c: ContactRecord) => (c.terms ?? []).map((k) => termKey(c, parseTerm(k))),
};
