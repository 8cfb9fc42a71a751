import {
  BatchGetCommand,
  type BatchGetCommandOutput,
  BatchWriteCommand,
  type BatchWriteCommandInput,
  type BatchWriteCommandOutput,
  GetCommand,
  UpdateCommand,
  type QueryCommandInput,
} from '@aws-sdk/lib-dynamodb';
import type { CustomerObject } from '../customers/schema.js';
import type { Term } from '../customers/search-terms.js';
import { store } from './client.js';
import { customerKeys, emailGuardKeys, searchTermKeys, tenantKeys } from './keys.js';
import { tableDefinition } from './table.js';
import { queryPages } from './query-pages.js';
import { addToTenantCounter } from './tenant-counters.js';
import { transactWrite } from './transactions.js';

/** A customer as stored: the seed fields plus what the store needs to keep indexes right. */
export interface CustomerRecord extends CustomerObject {
  tenant_id: string;
  /** Lowercased, trimmed e-mail: the uniqueness key. */
  email_key: string;
  location_count: number;
  /** Optimistic-concurrency version, bumped by every write. */
  version: number;
  /** The search terms this customer is indexed under ("ns:value"), so an update can remove exactly those. */
  terms: string[];
}

export interface TenantCounters {
  lastCustomerId: number;
  /** Ids handed out whose customer was never written (e.g. lost a duplicate-email race). */
  vacantCustomerIds: number[];
  locatedCustomers: number;
}

/** How a customer record lists its search terms. */
export const termKey = (t: Term) => `${t.ns}:${t.value}`;
const parseTermKey = (k: string): Term => ({ ns: k[0] as Term['ns'], value: k.slice(2) });

const termItemKey = (tenantId: string, term: Term, customerId: number) =>
  searchTermKeys.term(tenantId, term.ns, term.value, customerId);

function customerItem(c: CustomerRecord) {
  return {
    ...customerKeys.customer(c.tenant_id, c.customer_id),
    ...customerKeys.located(c.tenant_id, c.location_count > 0, c.customer_id),
    ...customerKeys.created(c.tenant_id, c.created_at, c.customer_id),
    entity: 'customer',
    ...c,
  };
}

function stripKeys(item: Record<string, unknown>): CustomerRecord {
  const { pk: _pk, sk: _sk, gsi1pk: _g1, gsi1sk: _g1s, gsi2pk: _g2, gsi2sk: _g2s, entity: _e, ...rest } = item;
  return rest as unknown as CustomerRecord;
}

export const customerStore = {
  async get(tenantId: string, customerId: number, consistent = false): Promise<CustomerRecord | undefined> {
    const { doc, tableName } = store();
    const out = await doc.send(
      new GetCommand({ TableName: tableName, Key: customerKeys.customer(tenantId, customerId), ConsistentRead: consistent }),
    );
    return out.Item ? stripKeys(out.Item) : undefined;
  },

  /** Customers by id, in the order asked; missing ids are skipped. At most 100 ids. */
  async getMany(tenantId: string, ids: number[]): Promise<CustomerRecord[]> {
    if (ids.length === 0) return [];
    const { doc, tableName } = store();
    const found = new Map<number, CustomerRecord>();
    let keys: Record<string, unknown>[] | undefined = ids.map((id) => customerKeys.customer(tenantId, id));
    for (let attempt = 0; keys && keys.length > 0; attempt++) {
      const out: BatchGetCommandOutput = await doc.send(new BatchGetCommand({ RequestItems: { [tableName]: { Keys: keys } } }));
      for (const item of out.Responses?.[tableName] ?? []) {
        const c = stripKeys(item);
        found.set(c.customer_id, c);
      }
      keys = out.UnprocessedKeys?.[tableName]?.Keys;
      if (keys?.length) await new Promise((r) => setTimeout(r, Math.min(1000, 25 * 2 ** attempt)));
    }
    return ids.flatMap((id) => found.get(id) ?? []);
  },

  async emailOwner(tenantId: string, emailKey: string): Promise<number | undefined> {
    const { doc, tableName } = store();
    const out = await doc.send(new GetCommand({ TableName: tableName, Key: emailGuardKeys.guard(tenantId, emailKey) }));
    return out.Item?.customer_id as number | undefined;
  },

  async counters(tenantId: string): Promise<TenantCounters> {
    const { doc, tableName } = store();
    const out = await doc.send(new GetCommand({ TableName: tableName, Key: tenantKeys.counters(tenantId) }));
    const vacant = out.Item?.vacant_customer_ids as Set<number> | undefined;
    return {
      lastCustomerId: (out.Item?.last_customer_id as number | undefined) ?? 0,
      vacantCustomerIds: [...(vacant ?? [])].map(Number).sort((a, b) => a - b),
      locatedCustomers: (out.Item?.located_customers as number | undefined) ?? 0,
    };
  },

  /** Atomic per-tenant id counter. */
  allocateId: (tenantId: string): Promise<number> => addToTenantCounter(tenantId, 'last_customer_id', 1),

  /** Marks an allocated id as never used, so list pages and totals stay exact. */
  async markVacant(tenantId: string, customerId: number): Promise<void> {
    const { doc, tableName } = store();
    await doc.send(
      new UpdateCommand({
        TableName: tableName,
        Key: tenantKeys.counters(tenantId),
        UpdateExpression: 'ADD vacant_customer_ids :id',
        ExpressionAttributeValues: { ':id': new Set([customerId]) },
      }),
    );
  },

  /**
   * Writes a new customer, its e-mail guard and its search terms in one
   * transaction. Returns 'duplicate_email' when the guard already exists.
   */
  async insert(c: CustomerRecord): Promise<'ok' | 'duplicate_email'> {
    const { tableName } = store();
    const result = await transactWrite([
      { Put: { TableName: tableName, Item: customerItem(c), ConditionExpression: 'attribute_not_exists(pk)' } },
      {
        Put: {
          TableName: tableName,
          Item: { ...emailGuardKeys.guard(c.tenant_id, c.email_key), entity: 'email_guard', customer_id: c.customer_id },
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      },
      ...c.terms.map((k) => ({
        Put: { TableName: tableName, Item: termItemKey(c.tenant_id, parseTermKey(k), c.customer_id) },
      })),
    ]);
    if (result.ok) return 'ok';
    if (result.failedConditions.includes(1)) return 'duplicate_email';
    throw new Error(`customer ${c.customer_id} insert cancelled on conditions ${result.failedConditions.join(',')}`);
  },

  /**
   * Replaces a customer read at `before.version`. Moves the e-mail guard and
   * the search terms in the same transaction. 'conflict' means someone else
   * wrote the customer first: re-read and try again.
   */
  async replace(before: CustomerRecord, after: CustomerRecord): Promise<'ok' | 'duplicate_email' | 'conflict'> {
    const { tableName } = store();
    const tenantId = before.tenant_id;
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
          Put: {
            TableName: tableName,
            Item: { ...emailGuardKeys.guard(tenantId, after.email_key), entity: 'email_guard', customer_id: after.customer_id },
            ConditionExpression: 'attribute_not_exists(pk)',
          },
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
    const oldTerms = new Set(before.terms);
    const newTerms = new Set(after.terms);
    for (const k of oldTerms) {
      if (!newTerms.has(k)) items.push({ Delete: { TableName: tableName, Key: termItemKey(tenantId, parseTermKey(k), before.customer_id) } });
    }
    for (const k of newTerms) {
      if (!oldTerms.has(k)) items.push({ Put: { TableName: tableName, Item: termItemKey(tenantId, parseTermKey(k), after.customer_id) } });
    }
    const result = await transactWrite(items);
    if (result.ok) return 'ok';
    if (result.failedConditions.includes(0)) return 'conflict';
    if (result.failedConditions.includes(guardIndex)) return 'duplicate_email';
    throw new Error(`customer ${before.customer_id} update cancelled on conditions ${result.failedConditions.join(',')}`);
  },

  /**
   * Bulk seeding (bench, imports into a new tenant): reserves `count` ids in one counter update
   * and returns the first. Pair with `bulkLoad`.
   */
  async reserveIds(tenantId: string, count: number): Promise<number> {
    return (await addToTenantCounter(tenantId, 'last_customer_id', count)) - count + 1;
  },

  /**
   * Writes exactly the items `insert` writes (customer, e-mail guard, search
   * terms) with BatchWriteItem instead of one transaction per customer —
   * without conditions, so only for records whose ids were reserved and whose
   * e-mails are known to be unique in the tenant (the bench's generated data).
   */
  async bulkLoad(records: CustomerRecord[]): Promise<void> {
    const { doc, tableName } = store();
    const items = records.flatMap((c) => [
      customerItem(c),
      { ...emailGuardKeys.guard(c.tenant_id, c.email_key), entity: 'email_guard', customer_id: c.customer_id },
      ...c.terms.map((k) => termItemKey(c.tenant_id, parseTermKey(k), c.customer_id)),
    ]);
    for (let i = 0; i < items.length; i += 25) {
      let requests: NonNullable<BatchWriteCommandInput['RequestItems']>[string] | undefined = items
        .slice(i, i + 25)
        .map((Item) => ({ PutRequest: { Item } }));
      for (let attempt = 0; requests && requests.length > 0; attempt++) {
        const out: BatchWriteCommandOutput = await doc.send(new BatchWriteCommand({ RequestItems: { [tableName]: requests } }));
        requests = out.UnprocessedItems?.[tableName];
        if (requests?.length) await new Promise((r) => setTimeout(r, Math.min(1000, 25 * 2 ** attempt)));
      }
    }
  },

  /** Ids of customers with a term starting with `prefix`. Reads only matching term items. */
  async idsByTermPrefix(tenantId: string, prefix: Term): Promise<Set<number>> {
    const { pk } = termItemKey(tenantId, prefix, 0);
    const ids = new Set<number>();
    await queryPages({ KeyConditionExpression: 'pk = :pk AND begins_with(sk, :p)', ExpressionAttributeValues: { ':pk': pk, ':p': prefix.value } }, (item) =>
      ids.add(searchTermKeys.idFromSortKey(item.sk as string)),
    );
    return ids;
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
        ExpressionAttributeValues: { ':pk': customerKeys.createdPartition(tenantId), ...(lo ? { ':lo': lo } : {}), ...(hi ? { ':hi': hi } : {}) },
      },
      (item) => rows.push({ id: customerKeys.idFromIndexSortKey(item.gsi2sk as string), locationCount: Number(item.location_count ?? 0) }),
    );
    return rows;
  },

  /** Ids with (or without) locations in id order, the first `limit` of them. */
  async idsByLocated(tenantId: string, hasLocations: boolean, limit: number): Promise<number[]> {
    const ids: number[] = [];
    await queryPages(
      {
        IndexName: tableDefinition.gsi1.name,
        KeyConditionExpression: 'gsi1pk = :pk',
        ExpressionAttributeValues: { ':pk': customerKeys.locatedPartition(tenantId, hasLocations) },
      },
      (item) => {
        ids.push(customerKeys.idFromIndexSortKey(item.gsi1sk as string));
      },
      limit,
    );
    return ids.slice(0, limit);
  },
};
