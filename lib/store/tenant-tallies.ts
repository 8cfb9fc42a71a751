import { UpdateCommand, type TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import { store } from './client.js';
import { markerSetClause } from './entity-items.js';
import { tenantKeys } from './keys/tenant-keys.js';
import { queryPages } from './query-pages.js';

type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

/** What a tally counts: listed customers with locations, inactive ones, or carrying one tag (`tag:{tag}`). */
export type TallyName = 'located_customers' | 'inactive_customers' | `tag:${string}`;

const tagTallyPrefix = 'tag:';
/** The tally of the listed customers carrying `tag` (folded: lib/model/tags.ts; it never holds '#'). */
export const tagTallyName = (tag: string): TallyName => `${tagTallyPrefix}${tag}`;

/**
 * Shards per tally. A tally changes inside the transaction that changes what
 * it counts, so it is exact after any crash; spreading it over shards keeps
 * concurrent transactions of one tenant from colliding on one hot item
 * (TransactionConflict). Two writes conflict only when their subjects share a
 * shard (id mod 16) and they run at the same moment.
 */
export const tallyShards = 16;
/**
 * A tag's tally has fewer shards: a tenant may have hundreds of tags, and
 * GET /tags reads every shard of every one. A shard exists only once a
 * customer on it was tagged, so a tag held by a few customers is a few items.
 */
export const tagTallyShards = 8;
const shardsOf = (name: TallyName) => (name.startsWith(tagTallyPrefix) ? tagTallyShards : tallyShards);

/** The transaction item that moves a tally by `delta`, on the shard of `subjectId` (of `shards`: a tag's tally passes its own). */
export function tallyChange(tenantId: string, name: TallyName, subjectId: number, delta: number, shards = tallyShards): TransactItem {
  const markers = markerSetClause('tally');
  return {
    Update: {
      TableName: store().tableName,
      Key: tenantKeys.tally(tenantId, name, subjectId % shards),
      UpdateExpression: `SET ${markers.clause} ADD #n :delta`,
      ExpressionAttributeNames: { '#n': 'n' },
      ExpressionAttributeValues: { ':delta': delta, ...markers.values },
    },
  };
}

/** The transaction item that moves the tally of `tag` by `delta`, on the shard of `subjectId`. */
export const tagTallyChange = (tenantId: string, tag: string, subjectId: number, delta: number): TransactItem =>
  tallyChange(tenantId, tagTallyName(tag), subjectId, delta, tagTallyShards);

/**
 * Bulk loads (bench seeding, imports into a tenant nothing else writes):
 * many tally changes summed per shard, one UpdateItem each, outside any
 * transaction, one after another (as addTrashedInBulk moves gap counts).
 */
export async function addToTallies(tenantId: string, changes: readonly { name: TallyName; subjectId: number; delta: number }[]): Promise<void> {
  const sums = new Map<string, { name: TallyName; subjectId: number; delta: number }>();
  for (const c of changes) {
    const key = `${c.name}#${c.subjectId % shardsOf(c.name)}`;
    const sum = sums.get(key);
    if (sum) sum.delta += c.delta;
    else sums.set(key, { ...c });
  }
  const { doc } = store();
  for (const c of sums.values()) await doc.send(new UpdateCommand(tallyChange(tenantId, c.name, c.subjectId, c.delta, shardsOf(c.name)).Update!));
}

/** The tally's value: the sum of its shards (one Query of at most `tallyShards` tiny items). */
export async function readTally(tenantId: string, name: TallyName): Promise<number> {
  let total = 0;
  await queryPages(
    {
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :name)',
      ExpressionAttributeValues: { ':pk': tenantKeys.tallyPartition(tenantId), ':name': `${name}#` },
    },
    (item) => {
      total += Number(item.n ?? 0);
    },
  );
  return total;
}

/**
 * Every tag of the tenant with its customer count (the sum of its shards),
 * tags whose count went back to 0 left out: one Query of the tag tallies,
 * never the customers. In tag order.
 */
export async function readTagTallies(tenantId: string): Promise<Map<string, number>> {
  const totals = new Map<string, number>();
  await queryPages(
    {
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
      ExpressionAttributeValues: { ':pk': tenantKeys.tallyPartition(tenantId), ':prefix': tagTallyPrefix },
    },
    (item) => {
      const sk = String(item.sk);
      const tag = sk.slice(tagTallyPrefix.length, sk.lastIndexOf('#'));
      totals.set(tag, (totals.get(tag) ?? 0) + Number(item.n ?? 0));
    },
  );
  for (const [tag, n] of totals) if (n <= 0) totals.delete(tag);
  return totals;
}
