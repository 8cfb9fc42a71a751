import { contactEntity, type ContactRecord } from '../model/contact.js';
import type { CustomerRecord } from '../model/customer.js';
import { contactErasure } from './contact-store.js';
import { isItemOf, recordOf } from './entity-items.js';
import { batchWriteAll } from './batch-write.js';
import { store } from './client.js';
import { addTrashedInBulk, gapChange } from './customer-gaps.js';
import { customerItem, customerTallyChanges, parseTermKey, termItem, termItemKey } from './customer-store.js';
import { emailGuardKeys, numberGuardKeys, tagMemberKeys } from './keys/customer-index-keys.js';
import { tagMembershipChanges } from './customer-tags.js';
import { addToTallies, tagTallyName } from './tenant-tallies.js';
import { customerKeys } from './keys/customer-keys.js';
import { purgeDueKeys } from './keys/tenant-keys.js';
import { queryPages } from './query-pages.js';
import { transactWrite } from './transactions.js';

type TransactItem = Parameters<typeof transactWrite>[0][number];

/**
 * The trash: moving a customer in and out of it, and erasing it for good.
 * Every step is one transaction (or, for the locations of a purge, an
 * idempotent batch), conditioned on the version read, so a crash at any point
 * leaves a state the next run finishes, and totals stay exact.
 */

const purgeDueItem = (c: Pick<CustomerRecord, 'tenant_id' | 'customer_id'>, purgeAfter: string) => ({
  ...purgeDueKeys.item(purgeAfter, c.tenant_id, c.customer_id),
  entity: 'purge_due',
  entity_version: 1,
  tenant_id: c.tenant_id,
  customer_id: c.customer_id,
});

/** Trashed: deleted_at holds an instant (a string); a live customer's is null (or absent on items older than the trash). */
const trashed = 'attribute_type(deleted_at, :string)';

/** Replaces the customer item, conditioned on the version read (and anything else `condition` adds). */
function customerPut(before: CustomerRecord, after: CustomerRecord, condition = ''): TransactItem {
  return {
    Put: {
      TableName: store().tableName,
      Item: customerItem(after),
      ConditionExpression: `version = :v${condition}`,
      ExpressionAttributeValues: { ':v': before.version, ...(condition.includes(':string') ? { ':string': 'S' } : {}) },
    },
  };
}

const outcomeOf = (result: Awaited<ReturnType<typeof transactWrite>>): 'ok' | 'conflict' => (result.ok ? 'ok' : 'conflict');

export const customerTrash = {
  /**
   * Moves a customer to the trash in one transaction: the customer (now with
   * deleted_at, and out of every list index), its search terms deleted, its
   * id counted as trashed in its gap bucket, the tallies it counted in moved
   * (its tags' too: their member items are deleted), and its purge-due entry. Its e-mail and number guards stay: both remain
   * reserved. 'conflict': someone wrote it first; re-read and decide again.
   */
  async trash(before: CustomerRecord, after: CustomerRecord): Promise<'ok' | 'conflict'> {
    const { tableName } = store();
    const tenantId = before.tenant_id;
    return outcomeOf(
      await transactWrite([
        customerPut(before, after, ` AND NOT ${trashed}`),
        ...(await gapChange(tenantId, before.customer_id, 'trash')),
        ...customerTallyChanges(before, after),
        { Put: { TableName: tableName, Item: purgeDueItem(after, after.purge_after!) } },
        ...before.terms.map((k) => ({ Delete: { TableName: tableName, Key: termItemKey(tenantId, parseTermKey(k), before.customer_id) } })),
        // Its tags leave their members and counts (≤ 40 items; with ≤ 39 terms still under 100) and come back on restore.
        ...tagMembershipChanges(tenantId, before.customer_id, before.tags, []),
      ]),
    );
  },
  /** The reverse of `trash`, refused (conflict) once an erasure has begun. */
  async restore(before: CustomerRecord, after: CustomerRecord): Promise<'ok' | 'conflict'> {
    const { tableName } = store();
    const tenantId = before.tenant_id;
    return outcomeOf(
      await transactWrite([
        customerPut(before, after, ' AND attribute_not_exists(purge_started_at)'),
        ...(await gapChange(tenantId, before.customer_id, 'restore')),
        ...customerTallyChanges(before, after),
        { Delete: { TableName: tableName, Key: purgeDueKeys.item(before.purge_after!, tenantId, before.customer_id) } },
        ...after.terms.map((k) => ({ Put: { TableName: tableName, Item: termItem(tenantId, parseTermKey(k), after.customer_id) } })),
        ...tagMembershipChanges(tenantId, after.customer_id, [], after.tags),
      ]),
    );
  },
};

/** Bulk trashing (bench, imports): the end state of `trash` for many customers at once. */
export const customerBulkTrash = {
  /**
   * Writes what `trash` would for each pair, with BatchWriteItem and one
   * UpdateItem per gap bucket and tally shard instead of a transaction per
   * customer: not atomic and not conditioned, so only for customers nothing
   * else writes meanwhile (a bench tenant, an import).
   */
  async trashLoaded(pairs: { before: CustomerRecord; after: CustomerRecord }[]): Promise<void> {
    for (const { before, after } of pairs) {
      // Like bulkLoad: customers in neither the located nor the inactive tally (active, without locations), of one tenant.
      if (customerTallyChanges(before, after).length > 0 || before.tenant_id !== pairs[0]!.before.tenant_id) {
        throw new Error(`trashLoaded: customer ${before.customer_id} must be active, without locations, and of the first pair's tenant`);
      }
    }
    const requests = pairs.flatMap(({ before, after }) => [
      { PutRequest: { Item: customerItem(after) } },
      { PutRequest: { Item: purgeDueItem(after, after.purge_after!) } },
      ...before.terms.map((k) => ({ DeleteRequest: { Key: termItemKey(before.tenant_id, parseTermKey(k), before.customer_id) } })),
      ...before.tags.map((tag) => ({ DeleteRequest: { Key: tagMemberKeys.member(before.tenant_id, tag, before.customer_id) } })),
    ]);
    await batchWriteAll(requests);
    const tenantId = pairs[0]?.before.tenant_id ?? '';
    await addTrashedInBulk(tenantId, pairs.map((p) => p.before.customer_id));
    const tagChanges = pairs.flatMap(({ before }) => before.tags.map((tag) => ({ name: tagTallyName(tag), subjectId: before.customer_id, delta: -1 })));
    if (tagChanges.length > 0) await addToTallies(tenantId, tagChanges);
  },
};

export const customerPurge = {
  /**
   * Marks a trashed customer's erasure as begun (no restore from here on) and
   * moves its purge-due entry to now, so that if this run stops half-way, the
   * next sweep finishes it.
   */
  async begin(before: CustomerRecord, after: CustomerRecord): Promise<'ok' | 'conflict'> {
    const { tableName } = store();
    const items: TransactItem[] = [customerPut(before, after, ` AND ${trashed}`)];
    if (before.purge_after !== after.purge_after) {
      items.push(
        { Delete: { TableName: tableName, Key: purgeDueKeys.item(before.purge_after!, before.tenant_id, before.customer_id) } },
        { Put: { TableName: tableName, Item: purgeDueItem(after, after.purge_after!) } },
      );
    }
    return outcomeOf(await transactWrite(items));
  },
  /**
   * Deletes everything in the customer's item collection but the customer
   * item (its locations, contacts, notes and their counts), in batches: any
   * number of items, no transaction limit, idempotent. A contact's search
   * terms live outside the collection: each round deletes them first, then
   * the items that name them, so a crash between the two never loses track
   * of a term. Returns how many items it deleted.
   */
  async eraseOwnedItems(tenantId: string, customerId: number): Promise<number> {
    const customerSortKey = customerKeys.customer(tenantId, customerId).sk;
    let erased = 0;
    for (;;) {
      const keys: { pk: string; sk: string }[] = [];
      const termKeys: { pk: string; sk: string }[] = [];
      await queryPages(
        {
          KeyConditionExpression: 'pk = :pk',
          ExpressionAttributeValues: { ':pk': customerKeys.collection(tenantId, customerId) },
          ConsistentRead: true,
        },
        (item) => {
          if (item.sk === customerSortKey) return;
          keys.push({ pk: String(item.pk), sk: String(item.sk) });
          if (isItemOf(contactEntity, item)) {
            const contact = recordOf<ContactRecord>(item);
            termKeys.push(...contactErasure.termKeysOf(contact));
          }
        },
        500,
      );
      if (keys.length === 0) return erased;
      if (termKeys.length > 0) await batchWriteAll(termKeys.map((Key) => ({ DeleteRequest: { Key } })));
      await batchWriteAll(keys.map((Key) => ({ DeleteRequest: { Key } })));
      erased += keys.length + termKeys.length;
    }
  },
  /**
   * The last step, one transaction: the customer item, its e-mail and number
   * guards and its purge-due entry are deleted, and its id moves from trashed
   * to erased in its gap bucket.
   */
  async finish(c: CustomerRecord): Promise<'ok' | 'conflict'> {
    const { tableName } = store();
    const ownedBy = { ConditionExpression: 'attribute_not_exists(pk) OR customer_id = :id', ExpressionAttributeValues: { ':id': c.customer_id } };
    const items: TransactItem[] = [
      {
        Delete: {
          TableName: tableName,
          Key: customerKeys.customer(c.tenant_id, c.customer_id),
          ConditionExpression: 'version = :v AND attribute_exists(purge_started_at)',
          ExpressionAttributeValues: { ':v': c.version },
        },
      },
      { Delete: { TableName: tableName, Key: emailGuardKeys.guard(c.tenant_id, c.email_key), ...ownedBy } },
      ...(c.number_key ? [{ Delete: { TableName: tableName, Key: numberGuardKeys.guard(c.tenant_id, c.number_key), ...ownedBy } }] : []),
      { Delete: { TableName: tableName, Key: purgeDueKeys.item(c.purge_after!, c.tenant_id, c.customer_id) } },
      ...(await gapChange(c.tenant_id, c.customer_id, 'erase_trashed')),
    ];
    return outcomeOf(await transactWrite(items));
  },
  /** Trashed customers due for erasure at `now`, oldest first, across tenants: one Query. */
  async due(now: string, limit: number): Promise<{ tenantId: string; customerId: number }[]> {
    const due: { tenantId: string; customerId: number }[] = [];
    await queryPages(
      {
        KeyConditionExpression: 'pk = :pk AND sk < :now',
        // '$' sorts after '#': every entry whose purge time is at or before now.
        ExpressionAttributeValues: { ':pk': purgeDueKeys.partition, ':now': `${now}$` },
      },
      (item) => due.push({ tenantId: String(item.tenant_id), customerId: Number(item.customer_id) }),
      limit,
    );
    return due;
  },
};

