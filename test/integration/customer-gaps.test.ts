import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { addTrashedInBulk, gapChange, readGapCounts, readGapIds } from '../../lib/store/customer-gaps.js';
import type { Store } from '../../lib/store/client.js';
import { gapKeys } from '../../lib/store/keys/tenant-keys.js';
import { transactWrite } from '../../lib/store/transactions.js';
import { useFreshTable } from '../support/fresh-table.js';

/**
 * The gap buckets' storage (lib/store/customer-gaps.ts): counts per bucket of
 * 1,000 ids, held as two list elements on one range item per 100 buckets, and
 * the ids per bucket. The list arithmetic over them is tested in
 * test/unit/ids-at-position.test.ts and end to end in the lifecycle tests;
 * here, ids far apart: several ranges, a bucket at a range's edge, a range
 * item created by the first change that touches it.
 */

let store: Store;
beforeAll(async () => {
  store = await useFreshTable('gaps');
});

const apply = async (tenant: string, id: number, change: Parameters<typeof gapChange>[2]) => {
  const result = await transactWrite(await gapChange(tenant, id, change));
  return result.ok;
};

describe('gap ranges', () => {
  it('counts ids of any range in their bucket, creating each range item once', async () => {
    const tenant = 'far-apart';
    // Bucket 0 and 98 (range 0), bucket 99 (the last of range 0), bucket 100 (the first of range 1), bucket 250 (range 2).
    for (const id of [5, 98_500, 99_999, 100_001, 250_500]) expect(await apply(tenant, id, 'trash')).toBe(true);
    expect(await apply(tenant, 250_501, 'erase_unwritten')).toBe(true);
    // Erasing the same unwritten id again counts it once.
    expect(await apply(tenant, 250_501, 'erase_unwritten')).toBe(false);
    expect(await apply(tenant, 5, 'restore')).toBe(true);
    expect(await apply(tenant, 100_001, 'erase_trashed')).toBe(true);

    const counts = (await readGapCounts(tenant)).sort((a, b) => a.bucket - b.bucket);
    expect(counts).toEqual([
      { bucket: 98, trashed: 1, erased: 0 },
      { bucket: 99, trashed: 1, erased: 0 },
      { bucket: 100, trashed: 0, erased: 1 },
      { bucket: 250, trashed: 1, erased: 1 },
    ]);
    const ids = await readGapIds(tenant, [0, 100, 250]);
    expect([...ids.get(0)!.trashed]).toEqual([]);
    expect([...ids.get(100)!.erased]).toEqual([100_001]);
    expect([...ids.get(250)!.trashed]).toEqual([250_500]);
    expect([...ids.get(250)!.erased]).toEqual([250_501]);

    const range = await store.doc.send(new GetCommand({ TableName: store.tableName, Key: gapKeys.range(tenant, 2) }));
    expect(range.Item).toMatchObject({ entity: 'gap_range', entity_version: 1 });
    expect((range.Item!.trashed as number[]).length).toBe(100);
    expect((range.Item!.trashed as number[])[50]).toBe(1);
  });

  it('bulk trashing counts like one transaction per id, across ranges', async () => {
    const tenant = 'bulk';
    const ids = [1, 2, 1_500, 199_999, 200_000, 200_001];
    await addTrashedInBulk(tenant, ids);
    expect((await readGapCounts(tenant)).sort((a, b) => a.bucket - b.bucket)).toEqual([
      { bucket: 0, trashed: 2, erased: 0 },
      { bucket: 1, trashed: 1, erased: 0 },
      { bucket: 199, trashed: 2, erased: 0 },
      { bucket: 200, trashed: 1, erased: 0 },
    ]);
    // A transaction after the bulk path moves the same counts.
    expect(await apply(tenant, 200_001, 'restore')).toBe(true);
    expect((await readGapCounts(tenant)).find((c) => c.bucket === 200)).toBeUndefined();
  });

  it('a tenant without gaps has no range item and reads none', async () => {
    expect(await readGapCounts('untouched')).toEqual([]);
  });
});
