import { randomBytes } from 'node:crypto';
import { BatchWriteCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import fc from 'fast-check';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createCustomer, getCustomer, listCustomers } from '../../lib/customers/customers.js';
import { purgeCustomer, purgeDueCustomers, restoreCustomer, setCustomerStatuses, trashCustomer, trashRetentionDays } from '../../lib/customers/lifecycle.js';
import { listCustomersQuery } from '../../lib/customers/list-query.js';
import { createCustomerBody } from '../../lib/customers/schema.js';
import { ConflictError, NotFoundError } from '../../lib/errors.js';
import { createContact } from '../../lib/contacts/contacts.js';
import { createLocation } from '../../lib/locations/locations.js';
import { createContactBody } from '../../lib/model/contact-create-body.js';
import { noteEntity } from '../../lib/model/note.js';
import { createNote } from '../../lib/notes/notes.js';
import { createLocationBody } from '../../lib/locations/schema.js';
import type { Store } from '../../lib/store/client.js';
import { useFreshTable } from '../support/fresh-table.js';

const createNoteBody = () => noteEntity.createBody;

/**
 * The trash (issue 9) against DynamoDB Local: erasure leaves nothing of the
 * customer, is not bounded by the transaction limit and finishes after a
 * crash; the sweep erases after 30 days; totals stay exact under any mix of
 * concurrent creates, trashes, restores and purges.
 */
let store: Store;
beforeAll(async () => {
  store = await useFreshTable('lifecycle');
});
afterEach(() => {
  vi.restoreAllMocks();
});

const newTenant = () => `t-${randomBytes(4).toString('hex')}`;
let n = 0;
const input = (extra: Record<string, unknown> = {}) => {
  n += 1;
  return createCustomerBody.parse({
    customer_name: `Client ${n}`,
    customer_email: `client${n}-${randomBytes(3).toString('hex')}@example.com`,
    customer_phone: '+12025550100',
    default_sla_hours: 4,
    ...extra,
  });
};
const site = (i: number) =>
  createLocationBody.parse({ location_name: `Site ${i}`, address_street: `${i} Main St`, address_city: 'Austin', address_state: 'TX', address_zip: '78701' });
const list = (tenantId: string, q: Record<string, string> = {}) => listCustomers(tenantId, listCustomersQuery.parse({ per_page: '100', ...q }));

/** Every item of the database that belongs to a tenant, by key (a Scan: tests only). */
async function tenantItems(tenantId: string): Promise<Record<string, unknown>[]> {
  const items: Record<string, unknown>[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const out = await store.doc.send(new ScanCommand({ TableName: store.tableName, ExclusiveStartKey: start, ConsistentRead: true }));
    for (const item of out.Items ?? []) {
      if (String(item.pk).startsWith(`T#${tenantId}#`) || String(item.pk) === `T#${tenantId}` || item.tenant_id === tenantId) items.push(item);
    }
    start = out.LastEvaluatedKey;
  } while (start);
  return items;
}
const keyOf = (item: Record<string, unknown>) => `${item.pk} | ${item.sk}`;

/** The tenant as the list should see it: live ids, trashed ids (a Scan). */
async function truth(tenantId: string): Promise<{ live: number[]; trashed: number[]; inactive: number }> {
  const live: number[] = [];
  const trashed: number[] = [];
  let inactive = 0;
  for (const item of await tenantItems(tenantId)) {
    if (item.entity !== 'customer') continue;
    if (typeof item.deleted_at === 'string') trashed.push(item.customer_id as number);
    else {
      live.push(item.customer_id as number);
      if (item.status === 'inactive') inactive += 1;
    }
  }
  return { live: live.sort((a, b) => a - b), trashed: trashed.sort((a, b) => a - b), inactive };
}

async function allIds(tenantId: string, q: Record<string, string> = {}): Promise<{ total: number; ids: number[] }> {
  const ids: number[] = [];
  let total = 0;
  for (let page = 1; ; page++) {
    const res = await listCustomers(tenantId, listCustomersQuery.parse({ ...q, per_page: '7', page: String(page) }));
    total = res.total;
    ids.push(...res.items.map((c) => c.customer_id));
    if (res.items.length < 7) break;
  }
  return { total, ids };
}

describe('erasure', () => {
  it('leaves no item of the customer: not its guards, terms, locations, contacts, their terms, notes, index entries or purge entry', async () => {
    const tenant = newTenant();
    const keep = await createCustomer(tenant, input());
    await createLocation(tenant, keep.customer_id, site(1));
    const before = new Set((await tenantItems(tenant)).map(keyOf));

    const doomed = await createCustomer(
      tenant,
      input({
        customer_number: 'ERASE-ME',
        company_name: 'Doomed Holdings',
        phones: [{ number: '+13125550000' }],
        emails: [{ address: 'secondary@doomed.example' }],
        status: 'inactive',
      }),
    );
    for (let i = 0; i < 3; i++) await createLocation(tenant, doomed.customer_id, site(i));
    // Its contacts (and their search terms, outside its collection) and its notes go too.
    for (let i = 0; i < 3; i++) {
      await createContact(tenant, doomed.customer_id, createContactBody().parse({ first_name: `Doomed${i}`, last_name: 'Person', email: `erase-me${i}@doomed.example`, phone: `+1312555010${i}` }));
      await createNote(tenant, doomed.customer_id, createNoteBody().parse({ body: `doomed note ${i}`, pinned: i === 0 }), { keyId: 'aaaaaaaaaaaa', name: 'sync' });
    }
    expect((await tenantItems(tenant)).length).toBeGreaterThan(before.size + 10);
    await trashCustomer(tenant, doomed.customer_id);
    await purgeCustomer(tenant, doomed.customer_id);

    const after = await tenantItems(tenant);
    const added = after.filter((item) => !before.has(keyOf(item)));
    // What may remain is the tenant's bookkeeping: its id counted as erased in its gap bucket, and a tally shard it moved (back to 0).
    expect([...new Set(added.map((i) => i.entity))].sort()).toEqual(['gap_ids', 'gap_range', 'tally']);
    for (const tally of added.filter((i) => i.entity === 'tally')) expect(tally.n, keyOf(tally)).toBe(0);
    for (const item of after) {
      if (item.entity === 'gap_ids' || item.entity === 'tenant_counters' || item.entity === 'tally' || item.entity === 'gap_range') continue;
      expect(item.customer_id, keyOf(item)).not.toBe(doomed.customer_id);
      expect(JSON.stringify(item), keyOf(item)).not.toMatch(/doomed|ERASE-ME|erase-me|secondary@/i);
    }
    // Nothing in the cross-tenant purge-due partition either.
    const due = await store.doc.send(new ScanCommand({ TableName: store.tableName, FilterExpression: 'pk = :p', ExpressionAttributeValues: { ':p': 'PURGE_DUE' } }));
    expect((due.Items ?? []).filter((i) => i.tenant_id === tenant)).toEqual([]);
    // The totals: the kept customer only, with its location; the inactive tally back to 0.
    expect(await list(tenant)).toMatchObject({ total: 1 });
    expect(await list(tenant, { include_deleted: '1' })).toMatchObject({ total: 1 });
    expect(await list(tenant, { has_locations: '1' })).toMatchObject({ total: 1 });
    expect(await list(tenant, { status: 'inactive' })).toMatchObject({ total: 0 });
    // Its e-mail and number are free again.
    await createCustomer(tenant, input({ customer_number: 'erase-me' }));
  });

  it('erases a customer with more locations than a transaction can hold, and a crash half-way is finished by a re-run or the sweep', async () => {
    const tenant = newTenant();
    const c = await createCustomer(tenant, input());
    for (let i = 0; i < 130; i++) await createLocation(tenant, c.customer_id, site(i));
    await trashCustomer(tenant, c.customer_id);

    // The erasure dies after its first batch of deletes.
    const send = store.doc.send.bind(store.doc) as (command: unknown) => Promise<unknown>;
    let batches = 0;
    vi.spyOn(store.doc, 'send').mockImplementation((async (command: unknown) => {
      if (command instanceof BatchWriteCommand && ++batches > 1) throw Object.assign(new Error('socket hang up'), { name: 'TimeoutError' });
      return send(command);
    }) as typeof store.doc.send);
    await expect(purgeCustomer(tenant, c.customer_id)).rejects.toThrow();
    vi.restoreAllMocks();

    // Half-erased: still in the trash, no longer restorable, and due now.
    const halfway = await getCustomer(tenant, c.customer_id, true);
    expect(halfway.deleted_at).not.toBeNull();
    expect((await tenantItems(tenant)).filter((i) => i.entity === 'location').length).toBe(130 - 25);
    await expect(restoreCustomer(tenant, c.customer_id)).rejects.toBeInstanceOf(ConflictError);
    expect(await list(tenant, { include_deleted: '1' })).toMatchObject({ total: 1 });

    // The next sweep finishes it, whatever its 30 days say.
    expect(await purgeDueCustomers()).toMatchObject({ erased: 1, failed: 0 });
    expect((await tenantItems(tenant)).filter((i) => i.entity === 'location' || i.entity === 'customer')).toEqual([]);
    await expect(getCustomer(tenant, c.customer_id, true)).rejects.toBeInstanceOf(NotFoundError);
    expect(await list(tenant, { include_deleted: '1' })).toMatchObject({ total: 0 });
    // A re-run is harmless.
    await expect(purgeCustomer(tenant, c.customer_id)).rejects.toBeInstanceOf(NotFoundError);
  });

  it('the sweep erases trashed customers 30 days after deletion, not before, and never a restored one', async () => {
    const tenant = newTenant();
    const t0 = new Date('2026-03-01T12:00:00Z');
    const a = await createCustomer(tenant, input());
    const b = await createCustomer(tenant, input());
    await trashCustomer(tenant, a.customer_id, () => t0);
    await trashCustomer(tenant, b.customer_id, () => t0);
    await restoreCustomer(tenant, b.customer_id);
    const day = 86_400_000;
    await purgeDueCustomers(() => new Date(t0.getTime() + (trashRetentionDays - 1) * day));
    expect((await getCustomer(tenant, a.customer_id, true)).deleted_at).toBe('2026-03-01T12:00:00Z');
    await purgeDueCustomers(() => new Date(t0.getTime() + trashRetentionDays * day + 1000));
    await expect(getCustomer(tenant, a.customer_id, true)).rejects.toBeInstanceOf(NotFoundError);
    expect((await getCustomer(tenant, b.customer_id)).deleted_at).toBeNull();
  });

  it('refuses to purge a live customer and to restore a live one', async () => {
    const tenant = newTenant();
    const c = await createCustomer(tenant, input());
    await expect(purgeCustomer(tenant, c.customer_id)).rejects.toBeInstanceOf(ConflictError);
    await expect(restoreCustomer(tenant, c.customer_id)).rejects.toBeInstanceOf(ConflictError);
    await expect(trashCustomer(tenant, 999)).rejects.toBeInstanceOf(NotFoundError);
  });
});

describe('lists survive deletes', () => {
  it('a restored customer comes back with its locations, terms and tallies', async () => {
    const tenant = newTenant();
    const c = await createCustomer(tenant, input({ company_name: 'Phoenix Plumbing', status: 'inactive' }));
    await createLocation(tenant, c.customer_id, site(1));
    await trashCustomer(tenant, c.customer_id);
    expect(await list(tenant, { search: 'phoenix' })).toMatchObject({ total: 0 });
    expect(await list(tenant, { has_locations: '1' })).toMatchObject({ total: 0 });
    expect(await list(tenant, { status: 'inactive' })).toMatchObject({ total: 0 });
    await expect(createLocation(tenant, c.customer_id, site(2))).rejects.toBeInstanceOf(NotFoundError);
    const restored = await restoreCustomer(tenant, c.customer_id);
    expect(restored).toMatchObject({ company_name: 'Phoenix Plumbing', status: 'inactive', deleted_at: null });
    expect(await list(tenant, { search: 'phoenix' })).toMatchObject({ total: 1 });
    expect(await list(tenant, { has_locations: '1' })).toMatchObject({ total: 1 });
    expect(await list(tenant, { status: 'inactive' })).toMatchObject({ total: 1 });
  });

  it('pagination.total and every page are exact after any mix of concurrent creates, deletes, restores, purges and status changes (property)', async () => {
    type Op = { kind: 'create' } | { kind: 'trash' | 'restore' | 'purge' | 'deactivate'; pick: number };
    const op: fc.Arbitrary<Op> = fc.oneof(
      fc.constant({ kind: 'create' as const }),
      fc.record({ kind: fc.constantFrom('trash' as const, 'restore' as const, 'purge' as const, 'deactivate' as const), pick: fc.nat(1000) }),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(fc.array(op, { minLength: 1, maxLength: 8 }), { minLength: 2, maxLength: 5 }), async (rounds) => {
        const tenant = newTenant();
        // A few customers to start with, so that every kind of operation has something to act on.
        for (let i = 0; i < 4; i++) await createCustomer(tenant, input());
        for (const round of rounds) {
          const known = await truth(tenant);
          const all = [...known.live, ...known.trashed];
          // One round's operations run concurrently; losing a race (404, 409) is a fine answer.
          await Promise.all(
            round.map(async (o) => {
              const of = (ids: number[]) => ids[o.kind === 'create' ? 0 : o.pick % Math.max(ids.length, 1)];
              try {
                if (o.kind === 'create') await createCustomer(tenant, input());
                else if (o.kind === 'trash' && known.live.length) await trashCustomer(tenant, of(known.live)!);
                else if (o.kind === 'restore' && known.trashed.length) await restoreCustomer(tenant, of(known.trashed)!);
                else if (o.kind === 'purge' && known.trashed.length) await purgeCustomer(tenant, of(known.trashed)!);
                else if (o.kind === 'deactivate' && all.length) await setCustomerStatuses(tenant, [of(known.live) ?? 1], 'inactive');
              } catch (err) {
                if (!(err instanceof NotFoundError || err instanceof ConflictError)) throw err;
              }
            }),
          );
          const real = await truth(tenant);
          const plain = await allIds(tenant);
          expect(plain).toEqual({ total: real.live.length, ids: real.live });
          const withTrash = await allIds(tenant, { include_deleted: '1' });
          expect(withTrash).toEqual({ total: real.live.length + real.trashed.length, ids: [...real.live, ...real.trashed].sort((a, b) => a - b) });
          expect((await list(tenant, { status: 'inactive' })).total).toBe(real.inactive);
          expect((await list(tenant, { status: 'active' })).total).toBe(real.live.length - real.inactive);
        }
      }),
      { numRuns: 12, seed: 20261130 },
    );
  }, 300_000);
});
