import { QueryCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { createCustomer, getCustomer, newCustomerRecord, updateCustomer } from '../../lib/customers/customers.js';
import { trashedVersion } from '../../lib/customers/lifecycle.js';
import { addCustomerTag } from '../../lib/customers/tags.js';
import type { Store } from '../../lib/store/client.js';
import { customerBulkTrash } from '../../lib/store/customer-lifecycle-store.js';
import { customerBulk, customerListing } from '../../lib/store/customer-store.js';
import { tagCounts, tagListing } from '../../lib/store/customer-tags.js';
import { tagMemberKeys } from '../../lib/store/keys/customer-index-keys.js';
import { tenantKeys } from '../../lib/store/keys/tenant-keys.js';
import { useFreshTable } from '../support/fresh-table.js';

/**
 * Tags in the store (lib/store/customer-tags.ts): the update too big for one
 * transaction, the bulk paths, and member items and tallies agreeing with the
 * customers' sets after each. The HTTP behaviour is in test/e2e/tags.test.ts.
 */

let store: Store;
beforeAll(async () => {
  store = await useFreshTable('tags');
});

const members = async (tenant: string, tag: string) => {
  const out = await store.doc.send(
    new QueryCommand({ TableName: store.tableName, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': tagMemberKeys.partition(tenant, tag) } }),
  );
  return (out.Items ?? []).map((i) => tagMemberKeys.idFromSortKey(String(i.sk)));
};

/** What the tallies say against what the customers carry: every tag of every listed customer. */
async function expectCountsMatch(tenant: string, ids: number[]) {
  const carried = new Map<string, number[]>();
  for (const c of await customerListing.getMany(tenant, ids)) {
    if (c.deleted_at) continue;
    for (const t of c.tags) carried.set(t, [...(carried.get(t) ?? []), c.customer_id]);
  }
  const tallies = await tagCounts.all(tenant);
  expect(Object.fromEntries(tallies)).toEqual(Object.fromEntries([...carried].map(([t, list]) => [t, list.length])));
  // Raw shard sums too: a tag GET /tags leaves out must sum to exactly 0, never below.
  const raw = await store.doc.send(
    new QueryCommand({
      TableName: store.tableName,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :tag)',
      ExpressionAttributeValues: { ':pk': tenantKeys.tallyPartition(tenant), ':tag': 'tag:' },
      ConsistentRead: true,
    }),
  );
  const sums = new Map<string, number>();
  for (const item of raw.Items ?? []) {
    const tag = String(item.sk).slice(4, String(item.sk).lastIndexOf('#'));
    sums.set(tag, (sums.get(tag) ?? 0) + Number(item.n));
  }
  for (const [tag, sum] of sums) expect(sum, tag).toBe(carried.get(tag)?.length ?? 0);
  for (const [t, list] of carried) expect(await members(tenant, t), t).toEqual(list.sort((a, b) => a - b));
}

const words = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => `${prefix}${String.fromCharCode(97 + i)}word`).join(' ');
const phones = (area: string) => Array.from({ length: 5 }, (_, i) => ({ number: `+1${area}555010${i}`, label: 'work' as const, sms_opt_in: false }));
const emails = (domain: string) => Array.from({ length: 5 }, (_, i) => ({ address: `extra${i}@${domain}.example`, label: 'work' as const, is_billing: false }));
const tags = (prefix: string) => Array.from({ length: 20 }, (_, i) => `${prefix} ${String(i).padStart(2, '0')}`);

describe('customer tags in the store', () => {
  it('an update changing every term and 40 tags (over 100 items) lands whole, in two transactions, with exact counts', async () => {
    const tenant = 'split';
    const created = await createCustomer(tenant, {
      customer_name: words('old', 8),
      company_name: words('oldco', 4),
      first_name: 'Oldfirst',
      last_name: 'Oldlast',
      customer_email: 'old@oldmail.example',
      customer_phone: '+15125550100',
      default_sla_hours: 4,
      phones: phones('512'),
      emails: emails('oldmail'),
      tags: tags('old'),
    });
    const id = created.customer_id;
    await expectCountsMatch(tenant, [id]);

    const sent: unknown[] = [];
    const send = store.doc.send.bind(store.doc);
    (store.doc as { send: unknown }).send = (command: object) => {
      if (command instanceof TransactWriteCommand) sent.push(command.input.TransactItems?.length);
      return send(command as never);
    };
    try {
      await updateCustomer(tenant, id, {
        customer_name: words('new', 8),
        company_name: words('newco', 4),
        first_name: 'Newfirst',
        last_name: 'Newlast',
        customer_email: 'new@newmail.example',
        customer_phone: '+17135550100',
        phones: phones('713'),
        emails: emails('newmail'),
        tags: tags('new'),
      });
    } finally {
      (store.doc as { send: unknown }).send = send;
    }
    // Every item of the one logical update would not fit one transaction: two ran, each within the limit.
    expect(sent).toHaveLength(2);
    for (const n of sent) expect(n).toBeLessThanOrEqual(100);
    expect((sent as number[]).reduce((a, b) => a + b, 0)).toBeGreaterThan(100);

    const after = await getCustomer(tenant, id);
    expect(after.tags).toEqual(tags('new'));
    expect(after.customer_email).toBe('new@newmail.example');
    expect(await customerListing.idsByTermPrefix(tenant, { ns: 'w', value: 'oldaword' })).toEqual({ own: new Set(), viaContacts: new Set() });
    await expectCountsMatch(tenant, [id]);
    for (const t of tags('old')) expect(await members(tenant, t)).toEqual([]);
  }, 120_000);

  it('the bulk load and bulk trash write members and tallies as the transactions do', async () => {
    const tenant = 'bulk';
    const { firstId, firstNumber } = await customerBulk.reserveIds(tenant, 40);
    const records = Array.from({ length: 40 }, (_, k) =>
      newCustomerRecord(
        tenant,
        firstId + k,
        { customer_name: `Bulk ${k}`, customer_email: `bulk${k}@example.com`, customer_phone: '+15125550100', default_sla_hours: 4, tags: k % 3 === 0 ? ['Three', 'all'] : ['all'] },
        new Date(),
        firstNumber + k,
      ),
    );
    await customerBulk.bulkLoad(records);
    const ids = records.map((r) => r.customer_id);
    await expectCountsMatch(tenant, ids);
    expect(await tagListing.count(tenant, 'all')).toBe(40);
    expect(await tagListing.count(tenant, 'three')).toBe(14);

    const trashed = records.filter((_, k) => k % 2 === 0);
    await customerBulkTrash.trashLoaded(trashed.map((before) => ({ before, after: trashedVersion(before, new Date()) })));
    await expectCountsMatch(tenant, ids);
    expect(await tagListing.count(tenant, 'all')).toBe(20);
    expect(await tagListing.idsWithTag(tenant, 'all', 3)).toEqual(ids.filter((_, k) => k % 2 === 1).slice(0, 3));

    // The single-tag path on top of a bulk-loaded customer.
    await addCustomerTag(tenant, ids[1]!, 'Three');
    await expectCountsMatch(tenant, ids);
  }, 120_000);
});
