import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { createCustomer, newCustomerRecord } from '../../lib/customers/customers.js';
import { trashCustomer, trashedVersion } from '../../lib/customers/lifecycle.js';
import { customerBulkTrash } from '../../lib/store/customer-lifecycle-store.js';
import { customerBulk, customerListing } from '../../lib/store/customer-store.js';
import type { Store } from '../../lib/store/client.js';
import { generateCustomer } from './customer-generator.js';

/**
 * Seeds generated customers #from..#to into a tenant through the store's bulk
 * path: one counter update reserves the ids, then `bulkLoad` writes the very
 * items `createCustomer` writes (customer, e-mail guard, search terms) with
 * BatchWriteItem — DynamoDB Local runs one transaction per customer far too
 * slowly for 100k. `checkBulkPathEquivalence` proves the items are the same.
 */
export async function seedCustomers(
  tenantId: string,
  from: number,
  to: number,
  opts: { concurrency?: number; chunk?: number; onProgress?: (done: number) => void } = {},
): Promise<void> {
  const count = to - from + 1;
  if (count <= 0) return;
  const { firstId: first, firstNumber } = await customerBulk.reserveIds(tenantId, count);
  if (first !== from) throw new Error(`expected the tenant's next id to be ${from}, got ${first}: seed a tenant in order`);
  const chunk = opts.chunk ?? 100;
  let next = from;
  let done = 0;
  const now = new Date();
  await Promise.all(
    Array.from({ length: opts.concurrency ?? 4 }, async () => {
      while (next <= to) {
        const start = next;
        const end = Math.min(to, start + chunk - 1);
        next = end + 1;
        const records = [];
        for (let i = start; i <= end; i++) records.push(newCustomerRecord(tenantId, i, generateCustomer(i).input, now, firstNumber + (i - from)));
        await customerBulk.bulkLoad(records);
        done += end - start + 1;
        opts.onProgress?.(done);
      }
    }),
  );
}

/**
 * Trashes customers of a bulk-seeded tenant in bulk (`customerBulkTrash.trashLoaded`):
 * the end state `trashCustomer` reaches one transaction at a time.
 */
export async function trashCustomersInBulk(tenantId: string, ids: number[], at = new Date(), chunk = 100): Promise<void> {
  for (let i = 0; i < ids.length; i += chunk) {
    const before = await customerListing.getMany(tenantId, ids.slice(i, i + chunk));
    await customerBulkTrash.trashLoaded(before.map((b) => ({ before: b, after: trashedVersion(b, at) })));
  }
}

/**
 * Writes customers #1..#n once through `createCustomer` (tenant A) and once
 * through the bulk path (tenant B) and compares every item, with the tenant id
 * and timestamps normalized. Throws on any difference. A Scan is fine here: it
 * reads a throwaway table of a few hundred items, never a request path.
 */
export async function checkBulkPathEquivalence(db: Store, n: number): Promise<number> {
  const now = new Date('2026-01-15T12:00:00Z');
  for (let i = 1; i <= n; i++) await createCustomer('eqa', generateCustomer(i).input, now);
  const { firstId: first, firstNumber } = await customerBulk.reserveIds('eqb', n);
  await customerBulk.bulkLoad(Array.from({ length: n }, (_, k) => newCustomerRecord('eqb', first + k, generateCustomer(first + k).input, now, firstNumber + k)));
  // And the trash: every third customer trashed, one by one (tenant A) and in bulk (tenant B).
  const trashAt = new Date('2026-01-20T12:00:00Z');
  const trashed = Array.from({ length: n }, (_, k) => k + 1).filter((id) => id % 3 === 0);
  for (const id of trashed) await trashCustomer('eqa', id, () => trashAt);
  await trashCustomersInBulk('eqb', trashed, trashAt);
  const items: Record<string, unknown>[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const out = await db.doc.send(new ScanCommand({ TableName: db.tableName, ExclusiveStartKey: start }));
    items.push(...(out.Items ?? []));
    start = out.LastEvaluatedKey;
  } while (start);
  const canonical = (tenant: string) =>
    items
      .map((item) => JSON.stringify(item, (_k, v: unknown) => (v instanceof Set ? [...v].sort() : v)))
      .filter((json) => json.includes(`T#${tenant}`) || json.includes(`"tenant_id":"${tenant}"`))
      .map((json) => json.replaceAll(tenant, 'TENANT'))
      .map((json) => JSON.stringify(Object.fromEntries(Object.entries(JSON.parse(json) as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b)))))
      .sort();
  const a = canonical('eqa');
  const b = canonical('eqb');
  const onlyA = a.filter((x) => !b.includes(x));
  const onlyB = b.filter((x) => !a.includes(x));
  if (onlyA.length || onlyB.length || a.length === 0) {
    throw new Error(`bulk path writes different items than createCustomer:\n  only via createCustomer: ${onlyA.slice(0, 3).join('\n    ')}\n  only via bulk: ${onlyB.slice(0, 3).join('\n    ')}`);
  }
  return a.length;
}
