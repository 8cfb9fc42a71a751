import { UpdateCommand, type TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import { batchGetItems } from './batch-get.js';
import { store } from './client.js';
import { markerSetClause } from './entity-items.js';
import { gapCountPrefix, gapKeys } from './keys/tenant-keys.js';
import { queryPages } from './query-pages.js';

type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

/**
 * The gaps of a tenant's customer id space, in buckets of ids, so that a
 * plain list can compute any page's ids with reads that do not grow with
 * deletions: one Query of the buckets' counts (only buckets with a gap have
 * an item), then the gap ids of the one or two buckets the page falls in.
 *
 * An id is *trashed* (its customer is in the trash) or *erased* (never
 * written, or purged). Both items of a bucket move inside the transaction that
 * trashes, restores or erases the customer, so they are exact after any crash.
 */
export const gapBucketSize = 1000;

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

/**
 * The two transaction items that move `customerId` between states: its
 * bucket's counts and its bucket's ids. Erasing an id never written is
 * conditioned on the id not being erased yet, so a repeated vacate (a retry,
 * two readers settling one pending id) counts it once.
 */
export function gapChange(tenantId: string, customerId: number, change: GapChange): TransactItem[] {
  const { tableName } = store();
  const bucket = bucketOf(customerId);
  const d = deltas[change];
  const countMarkers = markerSetClause('gap_count');
  const idsMarkers = markerSetClause('gap_ids');
  const idSet = new Set([customerId]);
  const idClauses = [d.add ? `ADD ${d.add} :id` : '', d.remove ? `DELETE ${d.remove} :id` : ''].filter(Boolean).join(' ');
  return [
    {
      Update: {
        TableName: tableName,
        Key: gapKeys.count(tenantId, bucket),
        UpdateExpression: `SET ${countMarkers.clause} ADD trashed :t, erased :e`,
        ExpressionAttributeValues: { ':t': d.trashed, ':e': d.erased, ...countMarkers.values },
      },
    },
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

/** Bulk trashing (bench, imports): counts `ids` as trashed, one UpdateItem per bucket item instead of one transaction per id. */
export async function addTrashedInBulk(tenantId: string, ids: number[]): Promise<void> {
  const { doc, tableName } = store();
  const byBucket = new Map<number, number[]>();
  for (const id of ids) byBucket.set(bucketOf(id), [...(byBucket.get(bucketOf(id)) ?? []), id]);
  for (const [bucket, inBucket] of byBucket) {
    for (const [key, entity, clause, value] of [
      [gapKeys.count(tenantId, bucket), 'gap_count', 'ADD trashed :v, erased :zero', inBucket.length],
      [gapKeys.ids(tenantId, bucket), 'gap_ids', 'ADD trashed_ids :v', new Set(inBucket)],
    ] as const) {
      const markers = markerSetClause(entity);
      await doc.send(
        new UpdateCommand({
          TableName: tableName,
          Key: key,
          UpdateExpression: `SET ${markers.clause} ${clause}`,
          // The same attributes a transaction's gapChange leaves (erased 0 included).
          ExpressionAttributeValues: { ':v': value, ...(clause.includes(':zero') ? { ':zero': 0 } : {}), ...markers.values },
        }),
      );
    }
  }
}

/** Every bucket with a gap: one Query of small items (about 70 bytes each, one per 1,000 ids). */
export async function readGapCounts(tenantId: string): Promise<GapCount[]> {
  const counts: GapCount[] = [];
  await queryPages(
    {
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
      ExpressionAttributeValues: { ':pk': gapKeys.partition(tenantId), ':prefix': gapCountPrefix },
    },
    (item) => {
      const trashed = Number(item.trashed ?? 0);
      const erased = Number(item.erased ?? 0);
      if (trashed > 0 || erased > 0) counts.push({ bucket: gapKeys.bucketOfSortKey(String(item.sk)), trashed, erased });
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
