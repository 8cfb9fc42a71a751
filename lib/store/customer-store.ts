import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import {
  GetCommand,
  UpdateCommand,
  type QueryCommandInput,
} from '@aws-sdk/lib-dynamodb';
import { customerEntity, emailGuardEntity, numberGuardEntity, searchTermEntity, type CustomerRecord, type CustomerStatus, type Term } from '../model/customer.js';
import { ServiceUnavailableError } from '../errors.js';
import { retryAgain, retryProfiles, withRetries } from '../retry-policy.js';
import { store } from './client.js';
import { isAbsentValue, withDefaults } from '../model/entity.js';
import { contactTermEntity, tagMemberEntity } from '../model/customer-index-items.js';
import { isItemOf, itemOf, markerSetClause, recordOf } from './entity-items.js';
import { contactTermKeys, emailGuardKeys, numberGuardKeys, searchTermKeys } from './keys/customer-index-keys.js';
import { customerKeys, customerListKeys } from './keys/customer-keys.js';
import { tenantKeys } from './keys/tenant-keys.js';
import { tableDefinition } from './table.js';
import { queryPages } from './query-pages.js';
import { addToTenantCounter, addToTenantCounters, countersEntityName } from './tenant-counters.js';
import { addToTallies, readTally, tagTallyName, tallyChange } from './tenant-tallies.js';
import { gapChange } from './customer-gaps.js';
import { maxTransactItems, transactWrite } from './transactions.js';
import { batchGetItems } from './batch-get.js';
import { batchWriteAll } from './batch-write.js';
import { tagSetItemValue, withTagList } from './customer-tag-set.js';
import { tagMembershipChanges } from './customer-tags.js';

export type { CustomerRecord };

export interface TenantCounters {
  lastCustomerId: number;
  /** Ids never written, as an older version recorded them on this item (now erased in their gap bucket: ./customer-gaps.ts); still read. */
  vacantCustomerIds: number[];
  /**
   * Ids handed out whose create is not confirmed yet, with the epoch ms they
   * were handed out: in flight, or lost to a crash. Whether each was written
   * is decided by reading it.
   */
  pendingCustomerIds: Map<number, number>;
  /** The located-customer count an older version kept on this item (no longer written; see locatedCount). */
  legacyLocatedCustomers: number;
}

/**
 * How long a create may take from id allocation to its transaction. A create
 * past it gives up its id instead of writing; so an id still pending after
 * `pendingGraceMs` can no longer be written, and may be recorded as erased.
 */
export const createLeaseMs = 60_000;
export const pendingGraceMs = 15 * 60_000;

/** Each pending id is one attribute of the counters item, so allocating and marking it pending is one atomic write. */
const pendingPrefix = 'pending_customer#';
const pendingAttribute = (customerId: number) => `${pendingPrefix}${customerId}`;

/** Last id this process saw per tenant: the first guess of the next allocation (a wrong guess costs one retry). */
const lastSeenCustomerId = new Map<string, number>();

/** Errors after which DynamoDB surely did not apply the write (unlike timeouts and connection failures). */
const definitelyNotWritten = new Set([
  'TransactionCanceledException',
  'ProvisionedThroughputExceededException',
  'ThrottlingException',
  'RequestLimitExceeded',
  'ValidationException',
]);
/** Those, or transactWrite giving up (ServiceUnavailableError): it does so only after every attempt was cancelled. */
const surelyNotWritten = (err: unknown) => err instanceof ServiceUnavailableError || definitelyNotWritten.has((err as Error).name);

/** How a customer record lists its search terms. */
export const termKey = (t: Term) => `${t.ns}:${t.value}`;
const parseTermKey = (k: string): Term => ({ ns: k[0] as Term['ns'], value: k.slice(2) });

const termItemKey = (tenantId: string, term: Term, customerId: number) =>
  searchTermKeys.term(tenantId, term.ns, term.value, customerId);
const termItem = (tenantId: string, term: Term, customerId: number) =>
  itemOf(searchTermEntity, { tenant_id: tenantId, ns: term.ns, value: term.value, customer_id: customerId });
const emailGuardItem = (c: Pick<CustomerRecord, 'tenant_id' | 'email_key' | 'customer_id'>) =>
  itemOf(emailGuardEntity, { tenant_id: c.tenant_id, email_key: c.email_key, customer_id: c.customer_id });

const numberGuardItem = (c: Pick<CustomerRecord, 'tenant_id' | 'number_key' | 'customer_id'>) =>
  itemOf(numberGuardEntity, { tenant_id: c.tenant_id, number_key: c.number_key, customer_id: c.customer_id });

/** A customer's item: fields at their defaults are left out (read back by stripKeys), the keys still computed from them; tags as a String Set. */
export const customerItem = (c: CustomerRecord) => {
  const item = itemOf(customerEntity, c, (name, value) => isAbsentValue(customerEntity, name, value));
  const tags = tagSetItemValue(c.tags);
  if (tags) item.tags = tags;
  return item;
};
/** A stored customer as a record, with the fields it predates shown as their defaults. */
export const stripKeys = (item: Record<string, unknown>) => withDefaults(customerEntity, withTagList(recordOf<CustomerRecord>(item)));

export { termItem, termItemKey, parseTermKey };

/** The inactive-customer tally counts listed (not trashed) customers whose status is inactive. */
const countsAsInactive = (c: Pick<CustomerRecord, 'status' | 'deleted_at'>) => c.status === 'inactive' && !c.deleted_at;

/** A tally change per listed-state difference between two versions of a customer (none when nothing moved). */
export function customerTallyChanges(before: CustomerRecord | undefined, after: CustomerRecord | undefined): TransactItem[] {
  const items: TransactItem[] = [];
  const c = (after ?? before)!;
  const inactive = (x?: CustomerRecord) => (x ? countsAsInactive(x) : false);
  const located = (x?: CustomerRecord) => (x ? x.location_count > 0 && !x.deleted_at : false);
  if (inactive(before) !== inactive(after)) items.push(tallyChange(c.tenant_id, 'inactive_customers', c.customer_id, inactive(after) ? 1 : -1));
  if (located(before) !== located(after)) items.push(tallyChange(c.tenant_id, 'located_customers', c.customer_id, located(after) ? 1 : -1));
  return items;
}

type TransactItem = Parameters<typeof transactWrite>[0][number];

/**
 * Writes a new customer, its e-mail guard and its search terms in one
 * transaction. Returns 'duplicate_email' when the guard already exists.
 */
async function insert(c: CustomerRecord): Promise<'ok' | 'duplicate_email' | 'duplicate_number'> {
  const { tableName } = store();
  const items: TransactItem[] = [
    { Put: { TableName: tableName, Item: customerItem(c), ConditionExpression: 'attribute_not_exists(pk)' } },
    {
      Put: { TableName: tableName, Item: emailGuardItem(c), ConditionExpression: 'attribute_not_exists(pk)' },
    },
  ];
  if (c.number_key) items.push({ Put: { TableName: tableName, Item: numberGuardItem(c), ConditionExpression: 'attribute_not_exists(pk)' } });
  items.push(
    ...customerTallyChanges(undefined, c),
    ...c.terms.map((k) => ({
      Put: { TableName: tableName, Item: termItem(c.tenant_id, parseTermKey(k), c.customer_id) },
    })),
    // At most 20 tags, two items each: with the terms (≤ 39) still under 100.
    ...tagMembershipChanges(c.tenant_id, c.customer_id, [], c.tags),
  );
  const result = await transactWrite(items);
  if (result.ok) return 'ok';
  if (result.failedConditions.includes(1)) return 'duplicate_email';
  if (c.number_key && result.failedConditions.includes(2)) return 'duplicate_number';
  // The id was just handed out by the counter, so an existing item there is a bug, not a race: a 500.
  throw new Error(`customer ${c.customer_id} insert cancelled on conditions ${result.failedConditions.join(',')}`);
}

/**
 * Takes the tenant's next customer id and marks it pending, in one
 * conditional write (an ADD could not name the new id's attribute); when the
 * customer needs an assigned number, the same write takes the next one.
 * Concurrent creates of one tenant race on the counters item: each loser
 * learns the current value from its failed write and tries the next id.
 */
async function allocateCustomerId(
  tenantId: string,
  withNumber: boolean,
): Promise<{ id: number; allocatedAt: number; number?: number; counters: TenantCounters }> {
  const { doc, tableName } = store();
  const markers = markerSetClause(countersEntityName);
  let seen = lastSeenCustomerId.get(tenantId) ?? (await readCounters(tenantId, true)).lastCustomerId;
  // The waits only spread the herd a little (counterRace): each loser already knows which id to try next.
  return withRetries(retryProfiles.counterRace, async () => {
    const id = seen + 1;
    const allocatedAt = Date.now();
    try {
      const out = await doc.send(
        new UpdateCommand({
          TableName: tableName,
          Key: tenantKeys.counters(tenantId),
          UpdateExpression: `SET last_customer_id = :id, #p = :at, ${markers.clause}${withNumber ? ' ADD last_customer_number :one' : ''}`,
          ConditionExpression: seen === 0 ? 'attribute_not_exists(last_customer_id) OR last_customer_id = :seen' : 'last_customer_id = :seen',
          ExpressionAttributeNames: { '#p': pendingAttribute(id) },
          ExpressionAttributeValues: { ':id': id, ':at': allocatedAt, ':seen': seen, ...markers.values, ...(withNumber ? { ':one': 1 } : {}) },
          ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
          // The whole (small) item: its other pending marks tell the create what to tidy up.
          ReturnValues: 'ALL_NEW',
        }),
      );
      lastSeenCustomerId.set(tenantId, id);
      const counters = countersOf(out.Attributes ?? {});
      counters.pendingCustomerIds.delete(id);
      return { id, allocatedAt, counters, ...(withNumber ? { number: Number(out.Attributes?.last_customer_number) } : {}) };
    } catch (err) {
      if (!(err instanceof ConditionalCheckFailedException)) throw err;
      const current = (err.Item?.last_customer_id as { N?: string } | undefined)?.N;
      seen = current !== undefined ? Number(current) : (await readCounters(tenantId, true)).lastCustomerId;
      return retryAgain;
    }
  }, () => new ServiceUnavailableError());
}

/** The next assigned-number sequence value, on its own (after an assigned number turned out taken). */
async function nextCustomerNumber(tenantId: string): Promise<number> {
  return addToTenantCounter(tenantId, 'last_customer_number', 1);
}

/**
 * Keeps assigned numbers clear of a given one that looks assigned (C-10042):
 * moves the sequence past it, never back. Best effort: an assignment that
 * still meets a taken number takes the next one.
 */
async function raiseCustomerNumber(tenantId: string, sequence: number): Promise<void> {
  const { doc, tableName } = store();
  try {
    await doc.send(
      new UpdateCommand({
        TableName: tableName,
        Key: tenantKeys.counters(tenantId),
        UpdateExpression: 'SET last_customer_number = :n',
        ConditionExpression: 'attribute_not_exists(last_customer_number) OR last_customer_number < :n',
        ExpressionAttributeValues: { ':n': sequence },
      }),
    );
  } catch (err) {
    if (!(err instanceof ConditionalCheckFailedException)) throw err;
  }
}

/**
 * Clears an id's pending mark; `vacate` first records the id as erased (never
 * written) in its gap bucket, counted once however often it runs. A crash
 * between the two leaves the mark on an erased id: readers then find the id
 * in its bucket and do not count it twice.
 */
async function releasePending(tenantId: string, customerId: number, vacate: boolean, seenAt?: number): Promise<void> {
  const { doc, tableName } = store();
  if (vacate) await transactWrite(await gapChange(tenantId, customerId, 'erase_unwritten'));
  try {
    await doc.send(
      new UpdateCommand({
        TableName: tableName,
        Key: tenantKeys.counters(tenantId),
        UpdateExpression: 'REMOVE #p',
        ExpressionAttributeNames: { '#p': pendingAttribute(customerId) },
        ...(seenAt !== undefined ? { ConditionExpression: '#p = :at', ExpressionAttributeValues: { ':at': seenAt } } : {}),
      }),
    );
  } catch (err) {
    if (!(err instanceof ConditionalCheckFailedException)) throw err;
  }
}

/** A create tidies the marks it finds once they are this old: an in-flight create finishes in milliseconds. */
export const settleAfterMs = 10_000;

/**
 * Tidies pending marks that outlived their create: a written id loses its
 * mark; an unwritten one older than the grace (so past every create's lease)
 * is recorded as erased. Each step is conditioned on the mark as seen, so it
 * never undoes a newer state. Housekeeping only (totals are exact without
 * it: readers decide pending ids by reading them), run by creates, which see
 * the tenant's marks in the counters their allocation returns, so that lists
 * never write.
 */
async function settlePending(tenantId: string, pending: Map<number, number>, now = Date.now(), graceMs = pendingGraceMs): Promise<void> {
  const stale = [...pending].filter(([, at]) => now - at >= settleAfterMs);
  if (stale.length === 0) return;
  // Consistent reads: an eventually consistent "missing" is no proof.
  const written = new Set((await existingKeys(stale.map(([id]) => customerKeys.customer(tenantId, id)))).map((pk) => customerKeys.idFromCollection(pk)));
  await Promise.all(
    stale.map(async ([id, at]) => {
      const vacate = !written.has(id);
      if (vacate && now - at < graceMs) return;
      await releasePending(tenantId, id, vacate, at);
    }),
  );
}

/** The tenant's counters item, read (consistently when asked). */
async function readCounters(tenantId: string, consistent = false): Promise<TenantCounters> {
  const { doc, tableName } = store();
  const out = await doc.send(new GetCommand({ TableName: tableName, Key: tenantKeys.counters(tenantId), ConsistentRead: consistent }));
  return countersOf(out.Item ?? {});
}

function countersOf(item: Record<string, unknown>): TenantCounters {
  const vacant = item.vacant_customer_ids as Set<number> | undefined;
  const pending = new Map<number, number>();
  for (const [name, value] of Object.entries(item)) {
    if (name.startsWith(pendingPrefix)) pending.set(Number(name.slice(pendingPrefix.length)), Number(value));
  }
  return {
    lastCustomerId: (item.last_customer_id as number | undefined) ?? 0,
    vacantCustomerIds: [...(vacant ?? [])].map(Number).sort((a, b) => a - b),
    pendingCustomerIds: pending,
    legacyLocatedCustomers: Number(item.located_customers ?? 0),
  };
}

/** Which of these keys hold an item (pk of each): consistent BatchGetItems of 100. */
async function existingKeys(keys: { pk: string; sk: string }[]): Promise<string[]> {
  const found: string[] = [];
  for (let i = 0; i < keys.length; i += 100) {
    await batchGetItems(keys.slice(i, i + 100), (item) => found.push(String(item.pk)), { ProjectionExpression: 'pk', ConsistentRead: true });
  }
  return found;
}

/**
 * The store's customer operations, in groups by what uses them, so that a
 * function bundles only the group its use-case calls (esbuild drops an
 * object no code reaches, with the SDK commands only it uses).
 */

/** One customer by id, and e-mail ownership. */
export const customerReads = {
  async get(tenantId: string, customerId: number, consistent = false): Promise<CustomerRecord | undefined> {
    const { doc, tableName } = store();
    const out = await doc.send(
      new GetCommand({ TableName: tableName, Key: customerKeys.customer(tenantId, customerId), ConsistentRead: consistent }),
    );
    return out.Item ? stripKeys(out.Item) : undefined;
  },
  async emailOwner(tenantId: string, emailKey: string): Promise<number | undefined> {
    const { doc, tableName } = store();
    const out = await doc.send(new GetCommand({ TableName: tableName, Key: emailGuardKeys.guard(tenantId, emailKey) }));
    return out.Item?.customer_id as number | undefined;
  },
  /** Who holds a customer number (lowercased), trashed customers included. */
  async numberOwner(tenantId: string, numberKey: string): Promise<number | undefined> {
    const { doc, tableName } = store();
    const out = await doc.send(new GetCommand({ TableName: tableName, Key: numberGuardKeys.guard(tenantId, numberKey) }));
    return out.Item?.customer_id as number | undefined;
  },
};

/** What lists read: customers by the hundred, the tenant's id space and counts, and the index and term queries. */
export const customerListing = {
  /** Customers by id, in the order asked; missing ids are skipped. One BatchGetItem per 100 ids. */
  async getMany(tenantId: string, ids: number[]): Promise<CustomerRecord[]> {
    if (ids.length === 0) return [];
    const found = new Map<number, CustomerRecord>();
    const batches = [];
    const keep = (item: Record<string, unknown>) => {
      const c = stripKeys(item);
      found.set(c.customer_id, c);
    };
    for (let i = 0; i < ids.length; i += 100) batches.push(batchGetItems(ids.slice(i, i + 100).map((id) => customerKeys.customer(tenantId, id)), keep));
    await Promise.all(batches);
    return ids.flatMap((id) => found.get(id) ?? []);
  },
  counters: readCounters,
  /**
   * Customers with at least one location. The tally moves inside the location
   * transactions, so it is exact after any crash; `located_customers` on the
   * counters item is what an older version counted there (no longer written),
   * passed in from the counters the caller already read.
   */
  async locatedCount(tenantId: string, counters: TenantCounters): Promise<number> {
    return counters.legacyLocatedCustomers + (await readTally(tenantId, 'located_customers'));
  },
  /** Listed customers whose status is inactive: a tally moved inside every transaction that changes it (exact after any crash). */
  inactiveCount: (tenantId: string): Promise<number> => readTally(tenantId, 'inactive_customers'),
  /**
   * Ids of customers with a term starting with `prefix`, their own or one of
   * their contacts' (`viaContacts`: matched only through a contact term,
   * which a trashed customer keeps). Reads only matching term items.
   */
  async idsByTermPrefix(tenantId: string, prefix: Term): Promise<{ own: Set<number>; viaContacts: Set<number> }> {
    const { pk } = termItemKey(tenantId, prefix, 0);
    const own = new Set<number>();
    const viaContacts = new Set<number>();
    await queryPages({ KeyConditionExpression: 'pk = :pk AND begins_with(sk, :p)', ExpressionAttributeValues: { ':pk': pk, ':p': prefix.value } }, (item) => {
      if (isItemOf(contactTermEntity, item)) viaContacts.add(contactTermKeys.customerIdFromSortKey(item.sk as string));
      else own.add(searchTermKeys.idFromSortKey(item.sk as string));
    });
    for (const id of own) viaContacts.delete(id);
    return { own, viaContacts };
  },
  /** Customers created strictly between two instants (either bound optional): id and location count. */
  async idsByCreated(tenantId: string, after?: string, before?: string): Promise<{ id: number; locationCount: number }[]> {
    // gsi2sk is `${created_at}#${10-digit id}`: ':' sorts after every digit, '#' before.
    const lo = after ? `${after}#:` : undefined;
    const hi = before ? `${before}#` : undefined;
    const range =
      lo && hi ? ' AND gsi2sk BETWEEN :lo AND :hi' : lo ? ' AND gsi2sk > :lo' : hi ? ' AND gsi2sk < :hi' : '';
    if (lo && hi && lo > hi) return [];
    const rows: { id: number; locationCount: number }[] = [];
    await queryPages(
      {
        IndexName: tableDefinition.gsi2.name,
        KeyConditionExpression: `gsi2pk = :pk${range}`,
        ExpressionAttributeValues: { ':pk': customerListKeys.createdPartition(tenantId), ...(lo ? { ':lo': lo } : {}), ...(hi ? { ':hi': hi } : {}) },
      },
      (item) => rows.push({ id: customerListKeys.idFromIndexSortKey(item.gsi2sk as string), locationCount: Number(item.location_count ?? 0) }),
    );
    return rows;
  },
  /**
   * Listed customers of a status in id order, the first `limit` of them, with
   * their location counts (status + has_locations filters on those).
   */
  async idsByStatus(tenantId: string, status: CustomerStatus, limit = Number.POSITIVE_INFINITY): Promise<{ id: number; locationCount: number }[]> {
    const rows: { id: number; locationCount: number }[] = [];
    await queryPages(
      {
        IndexName: tableDefinition.gsi3.name,
        KeyConditionExpression: 'gsi3pk = :pk',
        ExpressionAttributeValues: { ':pk': customerListKeys.statusPartition(tenantId, status) },
      },
      (item) => rows.push({ id: customerListKeys.idFromIndexSortKey(item.gsi3sk as string), locationCount: Number(item.location_count ?? 0) }),
      limit,
    );
    return rows.slice(0, limit);
  },
  /** Ids with (or without) locations in id order, the first `limit` of them. */
  async idsByLocated(tenantId: string, hasLocations: boolean, limit: number): Promise<number[]> {
    const ids: number[] = [];
    await queryPages(
      {
        IndexName: tableDefinition.gsi1.name,
        KeyConditionExpression: 'gsi1pk = :pk',
        ExpressionAttributeValues: { ':pk': customerListKeys.locatedPartition(tenantId, hasLocations) },
      },
      (item) => {
        ids.push(customerListKeys.idFromIndexSortKey(item.gsi1sk as string));
      },
      limit,
    );
    return ids.slice(0, limit);
  },
};

/** Creating and replacing customers. */
/** Creating customers (one group per write use-case, so each write function bundles only its own). */
export const customerCreates = {
  /**
   * Creates a customer under a fresh id, so that totals stay exact through a
   * crash at any point:
   * 1. one conditional UpdateItem on the counters item takes the next id and
   *    marks it pending, so a crash later leaves a record of the id, never an
   *    unexplained gap;
   * 2. one transaction writes the customer, its e-mail and number guards and
   *    search terms (an assigned number found taken is replaced by the next);
   * 3. the pending mark is cleared (when the e-mail was taken, the id is
   *    first recorded as erased in its gap bucket).
   * A crash between the steps leaves the id pending: readers decide it by
   * reading the customer, and a later create's `settlePending` tidies it.
   */
  async create(
    tenantId: string,
    build: (customerId: number, assignedNumber: number | undefined) => CustomerRecord,
    options: { assignNumber: boolean },
  ): Promise<{ outcome: 'ok'; record: CustomerRecord } | { outcome: 'duplicate_email' | 'duplicate_number' }> {
    const { id, allocatedAt, number, counters } = await allocateCustomerId(tenantId, options.assignNumber);
    let record = build(id, number);
    // A create slower than its lease gives the id up, so a pending id past the grace is certainly unwritten.
    const pastLease = () => Date.now() - allocatedAt > createLeaseMs;
    let outcome: 'ok' | 'duplicate_email' | 'duplicate_number';
    try {
      for (;;) {
        if (pastLease()) {
          await releasePending(tenantId, id, true).catch(() => undefined);
          throw new ServiceUnavailableError();
        }
        outcome = await insert(record);
        // An assigned number someone gave by hand: take the next one (the id stays ours, pending).
        if (outcome !== 'duplicate_number' || !options.assignNumber) break;
        record = build(id, await nextCustomerNumber(tenantId));
      }
    } catch (err) {
      // Ambiguous failures (a timeout, a dropped connection) may still have written it: the id stays pending.
      if (surelyNotWritten(err)) await releasePending(tenantId, id, true).catch(() => undefined);
      throw err;
    }
    // Best effort: a mark left behind costs readers one small read until a later create clears it.
    await releasePending(tenantId, id, outcome !== 'ok').catch(() => undefined);
    // And the marks of earlier creates that crashed half-way, if any (rare).
    if (counters.pendingCustomerIds.size > 0) await settlePending(tenantId, counters.pendingCustomerIds).catch(() => undefined);
    return outcome === 'ok' ? { outcome, record } : { outcome };
  },
  raiseCustomerNumber,
  settlePending,
};

/** Replacing a customer read at a version. */
export const customerUpdates = {
  /**
   * Replaces a customer read at `before.version`. Moves the e-mail guard, the
   * search terms and the tag memberships and tallies in the same
   * transaction. 'conflict' means someone else wrote the customer first:
   * re-read and try again.
   *
   * A change of every name and phone (≤ 78 term items) with 40 tag changes
   * (80 items) would exceed a transaction's 100 items. Such an update is two
   * transactions: everything but the tags, then the tags alone, each
   * conditioned on the version before it. A crash or a lost race between the
   * two leaves a customer with its old tags, consistent and counted
   * exactly; the caller's retry (it re-reads) applies the tags.
   */
  async replace(before: CustomerRecord, after: CustomerRecord): Promise<'ok' | 'duplicate_email' | 'duplicate_number' | 'conflict'> {
    const { tableName } = store();
    const tenantId = before.tenant_id;
    const tagItems = tagMembershipChanges(tenantId, before.customer_id, before.tags, after.tags);
    const items: Parameters<typeof transactWrite>[0] = [
      {
        Put: {
          TableName: tableName,
          Item: customerItem(after),
          ConditionExpression: 'version = :v',
          ExpressionAttributeValues: { ':v': before.version },
        },
      },
    ];
    let guardIndex = -1;
    if (before.email_key !== after.email_key) {
      guardIndex = items.length;
      items.push(
        {
          Put: { TableName: tableName, Item: emailGuardItem(after), ConditionExpression: 'attribute_not_exists(pk)' },
        },
        {
          Delete: {
            TableName: tableName,
            Key: emailGuardKeys.guard(tenantId, before.email_key),
            ConditionExpression: 'customer_id = :id',
            ExpressionAttributeValues: { ':id': before.customer_id },
          },
        },
      );
    }
    let numberGuardIndex = -1;
    if (before.number_key !== after.number_key) {
      if (after.number_key) {
        numberGuardIndex = items.length;
        items.push({ Put: { TableName: tableName, Item: numberGuardItem(after), ConditionExpression: 'attribute_not_exists(pk)' } });
      }
      if (before.number_key) {
        items.push({
          Delete: {
            TableName: tableName,
            Key: numberGuardKeys.guard(tenantId, before.number_key),
            ConditionExpression: 'attribute_not_exists(pk) OR customer_id = :id',
            ExpressionAttributeValues: { ':id': before.customer_id },
          },
        });
      }
    }
    items.push(...customerTallyChanges(before, after));
    const oldTerms = new Set(before.terms);
    const newTerms = new Set(after.terms);
    for (const k of oldTerms) {
      if (!newTerms.has(k)) items.push({ Delete: { TableName: tableName, Key: termItemKey(tenantId, parseTermKey(k), before.customer_id) } });
    }
    for (const k of newTerms) {
      if (!oldTerms.has(k)) items.push({ Put: { TableName: tableName, Item: termItem(tenantId, parseTermKey(k), after.customer_id) } });
    }
    if (items.length + tagItems.length > maxTransactItems) {
      const untagged: CustomerRecord = { ...after, tags: before.tags };
      const first = await customerUpdates.replace(before, untagged);
      return first === 'ok' ? customerUpdates.replace(untagged, { ...after, version: untagged.version + 1 }) : first;
    }
    items.push(...tagItems);
    const result = await transactWrite(items);
    if (result.ok) return 'ok';
    if (result.failedConditions.includes(0)) return 'conflict';
    if (result.failedConditions.includes(guardIndex)) return 'duplicate_email';
    if (result.failedConditions.includes(numberGuardIndex)) return 'duplicate_number';
    // The version held, yet the old guard is not this customer's: the data is inconsistent (a bug), not a race.
    throw new Error(`customer ${before.customer_id} update cancelled on conditions ${result.failedConditions.join(',')}`);
  },
};

/** Bulk seeding (bench, imports into a new tenant). */
export const customerBulk = {
  /**
   * Bulk seeding (bench, imports into a new tenant): reserves `count` ids, and
   * as many assigned-number sequence values, in one counter update; returns
   * the first of each. Pair with `bulkLoad`.
   */
  async reserveIds(tenantId: string, count: number): Promise<{ firstId: number; firstNumber: number }> {
    const last = await addToTenantCounters(tenantId, { last_customer_id: count, last_customer_number: count });
    return { firstId: last.last_customer_id - count + 1, firstNumber: last.last_customer_number - count + 1 };
  },
  /**
   * Writes exactly the items `insert` writes (customer, e-mail and number
   * guards, search terms, tag members; the tag tallies by one UpdateItem per
   * shard) with BatchWriteItem instead of one transaction per
   * customer; live, active customers without locations only (the located and
   * inactive tallies stay untouched). A BatchWriteItem takes no conditions, so what the
   * transaction's conditions would refuse is checked first: a record whose id
   * already holds a customer, an e-mail or number already guarded in the
   * tenant, or two records with one e-mail are refused before anything is written. For records whose ids come from
   * `reserveIds` (bench seeding, imports into a tenant); the check and the
   * write are not atomic, so two loads must not share a tenant's e-mails.
   */
  async bulkLoad(records: CustomerRecord[]): Promise<void> {
    const { doc, tableName } = store();
    const emails = new Set<string>();
    for (const c of records) {
      if (c.deleted_at || c.status !== 'active' || c.location_count > 0) throw new Error(`bulkLoad: customer ${c.customer_id} must be live, active and without locations`);
      const key = `${c.tenant_id}\n${c.email_key}`;
      if (emails.has(key)) throw new Error(`bulkLoad: the e-mail ${c.email_key} appears twice`);
      emails.add(key);
    }
    const mustBeAbsent = records.flatMap((c) => [
      customerKeys.customer(c.tenant_id, c.customer_id),
      emailGuardKeys.guard(c.tenant_id, c.email_key),
      ...(c.number_key ? [numberGuardKeys.guard(c.tenant_id, c.number_key)] : []),
    ]);
    const taken = await existingKeys(mustBeAbsent);
    if (taken.length > 0) throw new Error(`bulkLoad: ${taken.length} customer id(s), e-mail(s) or number(s) already exist, first ${taken[0]}`);
    const items = records.flatMap((c) => [
      customerItem(c),
      emailGuardItem(c),
      ...(c.number_key ? [numberGuardItem(c)] : []),
      ...c.terms.map((k) => termItem(c.tenant_id, parseTermKey(k), c.customer_id)),
      ...c.tags.map((tag) => itemOf(tagMemberEntity, { tenant_id: c.tenant_id, tag, customer_id: c.customer_id })),
    ]);
    await batchWriteAll(items.map((Item) => ({ PutRequest: { Item } })));
    // Not atomic with the members above: like the rest of a bulk load, for a tenant nothing else writes meanwhile.
    for (const tenantId of new Set(records.map((c) => c.tenant_id))) {
      const changes = records.filter((c) => c.tenant_id === tenantId).flatMap((c) => c.tags.map((tag) => ({ name: tagTallyName(tag), subjectId: c.customer_id, delta: 1 })));
      if (changes.length > 0) await addToTallies(tenantId, changes);
    }
  },
};
