import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { PutCommand, UpdateCommand, type TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import { batchGetItems } from './batch-get.js';
import { store } from './client.js';
import { markerSetClause } from './entity-items.js';
import { gapKeys, gapRangePrefix } from './keys/tenant-keys.js';
import { queryPages } from './query-pages.js';

type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

/**
 * The gaps of a tenant's customer id space, in buckets of ids, so that a
 * plain list can compute any page's ids with reads that do not grow with
 * deletions: the counts of every bucket (two lists of numbers on one item per
 * 100 buckets, so one small Query), then the gap ids of the one or two
 * buckets the page falls in.
 *
 * An id is *trashed* (its customer is in the trash) or *erased* (never
 * written, or purged). Its range's counts and its bucket's ids move inside the
 * transaction that trashes, restores or erases the customer, so they are
 * exact after any crash.
 */
export const gapBucketSize = 1000;

/**
 * Buckets per range item: one item holds the counts of 100,000 ids as two
 * lists of 100 numbers. Lists, not an attribute per bucket: reading one item
 * costs what its attributes cost, and two lists read like two attributes.
 */
export const gapRangeSize = 100;
const rangeOf = (bucket: number) => Math.floor(bucket / gapRangeSize);

/** The bucket of an id: ids 1–1000 are bucket 0. */
export const bucketOf = (customerId: number) => Math.floor((customerId - 1) / gapBucketSize);

export interface GapCount {
  bucket: number;
  trashed: number;
  erased: number;
}

export interface GapIds {
  trashed: Set<number>;
  erased: Set<number>;
}

/** How a customer's id changes state. */
export type GapChange = 'trash' | 'restore' | 'erase_trashed' | 'erase_unwritten';

const deltas: Record<GapChange, { trashed: number; erased: number; add?: 'trashed_ids' | 'erased_ids'; remove?: 'trashed_ids' }> = {
  trash: { trashed: 1, erased: 0, add: 'trashed_ids' },
  restore: { trashed: -1, erased: 0, remove: 'trashed_ids' },
  erase_trashed: { trashed: -1, erased: 1, add: 'erased_ids', remove: 'trashed_ids' },
  erase_unwritten: { trashed: 0, erased: 1, add: 'erased_ids' },
};

const zeros = () => Array.from({ length: gapRangeSize }, () => 0);
/** Ranges known to exist (a range item is never deleted), or being created: a warm function creates each at most once. */
const knownRanges = new Map<string, Promise<void>>();

/**
 * Creates the range item of `bucket` with zero counts if it does not exist
 * yet: list elements can be added to only once the list holds them. One
 * conditional Put per range the first time a warm function touches it;
 * concurrent first touches share it.
 */
function ensureRange(tenantId: string, bucket: number): Promise<void> {
  const range = rangeOf(bucket);
  const { doc, tableName } = store();
  const known = `${tableName}#${tenantId}#${range}`;
  let created = knownRanges.get(known);
  if (!created) {
    created = doc
      .send(
        new PutCommand({
          TableName: tableName,
          Item: { ...gapKeys.range(tenantId, range), entity: 'gap_range', entity_version: 1, trashed: zeros(), erased: zeros() },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      )
      .then(
        () => undefined,
        (err: unknown) => {
          if (err instanceof ConditionalCheckFailedException) return;
          knownRanges.delete(known);
          throw err;
        },
      );
    knownRanges.set(known, created);
  }
  return created;
}

/** The range item's update: `bucket`'s two counts moved by the deltas. */
function rangeUpdate(tenantId: string, bucket: number, trashed: number, erased: number) {
  const slot = bucket % gapRangeSize;
  return {
    TableName: store().tableName,
    Key: gapKeys.range(tenantId, rangeOf(bucket)),
    // Index paths are literal: `trashed[37]`, never a placeholder.
    UpdateExpression: `SET trashed[${slot}] = trashed[${slot}] + :t, erased[${slot}] = erased[${slot}] + :e`,
    ExpressionAttributeValues: { ':t': trashed, ':e': erased },
  };
}

/**
 * The two transaction items that move `customerId` between states: its
 * range's counts and its bucket's ids (the range item created first if need
 * be). Erasing an id never written is conditioned on the id not being erased
 * yet, so a repeated vacate (a retry, two readers settling one pending id)
 * counts it once.
 */
export async function gapChange(tenantId: string, customerId: number, change: GapChange): Promise<TransactItem[]> {
  const { tableName } = store();
  const bucket = bucketOf(customerId);
  await ensureRange(tenantId, bucket);
  const d = deltas[change];
  const idsMarkers = markerSetClause('gap_ids');
  const idSet = new Set([customerId]);
  const idClauses = [d.add ? `ADD ${d.add} :id` : '', d.remove ? `DELETE ${d.remove} :id` : ''].filter(Boolean).join(' ');
  return [
    { Update: rangeUpdate(tenantId, bucket, d.trashed, d.erased) },
    {
      Update: {
        TableName: tableName,
        Key: gapKeys.ids(tenantId, bucket),
        UpdateExpression: `SET ${idsMarkers.clause} ${idClauses}`,
        ...(change === 'erase_unwritten' ? { ConditionExpression: 'NOT contains(erased_ids, :one)' } : {}),
        ExpressionAttributeValues: { ':id': idSet, ...idsMarkers.values, ...(change === 'erase_unwritten' ? { ':one': customerId } : {}) },
      },
    },
  ];
}

/** Bulk trashing (bench, imports): counts `ids` as trashed, one UpdateItem per bucket instead of one transaction per id. */
export async function addTrashedInBulk(tenantId: string, ids: number[]): Promise<void> {
  const { doc, tableName } = store();
  const byBucket = new Map<number, number[]>();
  for (const id of ids) byBucket.set(bucketOf(id), [...(byBucket.get(bucketOf(id)) ?? []), id]);
  for (const [bucket, inBucket] of byBucket) {
    await ensureRange(tenantId, bucket);
    await doc.send(new UpdateCommand(rangeUpdate(tenantId, bucket, inBucket.length, 0)));
    const markers = markerSetClause('gap_ids');
    await doc.send(
      new UpdateCommand({
        TableName: tableName,
        Key: gapKeys.ids(tenantId, bucket),
        UpdateExpression: `SET ${markers.clause} ADD trashed_ids :v`,
        ExpressionAttributeValues: { ':v': new Set(inBucket), ...markers.values },
      }),
    );
  }
}

/** Every bucket with a gap: one Query of the range items (one per 100,000 ids). */
export async function readGapCounts(tenantId: string): Promise<GapCount[]> {
  const counts: GapCount[] = [];
  await queryPages(
    {
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
      ExpressionAttributeValues: { ':pk': gapKeys.partition(tenantId), ':prefix': gapRangePrefix },
      ProjectionExpression: 'sk, trashed, erased',
    },
    (item) => {
      const first = gapKeys.rangeOfSortKey(String(item.sk)) * gapRangeSize;
      const trashed = (item.trashed as number[] | undefined) ?? [];
      const erased = (item.erased as number[] | undefined) ?? [];
      for (let slot = 0; slot < gapRangeSize; slot++) {
        const t = Number(trashed[slot] ?? 0);
        const e = Number(erased[slot] ?? 0);
        if (t > 0 || e > 0) counts.push({ bucket: first + slot, trashed: t, erased: e });
      }
    },
  );
  return counts;
}

/** The gap ids of these buckets (one BatchGetItem; a bucket without an item has none). */
export async function readGapIds(tenantId: string, buckets: number[]): Promise<Map<number, GapIds>> {
  const found = new Map<number, GapIds>();
  for (const b of buckets) found.set(b, { trashed: new Set(), erased: new Set() });
  const unique = [...new Set(buckets)];
  for (let i = 0; i < unique.length; i += 100) {
    await batchGetItems(
      unique.slice(i, i + 100).map((b) => gapKeys.ids(tenantId, b)),
      (item) => {
        const ids = found.get(gapKeys.bucketOfSortKey(String(item.sk)))!;
        for (const id of (item.trashed_ids as Set<number> | undefined) ?? []) ids.trashed.add(Number(id));
        for (const id of (item.erased_ids as Set<number> | undefined) ?? []) ids.erased.add(Number(id));
      },
    );
  }
  return found;
}
