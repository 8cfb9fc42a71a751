import { randomBytes } from 'node:crypto';
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createCustomer, listCustomers, newCustomerRecord } from '../../lib/customers/customers.js';
import { createCustomerBody, type CreateCustomerInput } from '../../lib/customers/schema.js';
import { listCustomersQuery } from '../../lib/customers/list-query.js';
import { ServiceUnavailableError } from '../../lib/errors.js';
import { createLocation, deleteLocation } from '../../lib/locations/locations.js';
import { createLocationBody } from '../../lib/locations/schema.js';
import { retryProfiles } from '../../lib/retry-policy.js';
import type { Store } from '../../lib/store/client.js';
import { pendingGraceMs, settleAfterMs, customerListing, customerReads, customerCreates } from '../../lib/store/customer-store.js';
import { locationListing } from '../../lib/store/location-store.js';
import { readGapIds } from '../../lib/store/customer-gaps.js';
import { useFreshTable } from '../support/fresh-table.js';

/**
 * A create is three writes (id + pending mark, the transaction, clearing the
 * mark). These tests stop it after each of them, as a crash or a lost
 * connection would, and check that totals and pages stay exact.
 */
let store: Store;
beforeAll(async () => {
  store = await useFreshTable('crash');
});
afterEach(() => {
  vi.restoreAllMocks();
});

const newTenant = () => `t-${randomBytes(4).toString('hex')}`;
/** A create made once the earlier marks are stale (the clock moved on by more than settleAfterMs). */
async function createLater(tenant: string) {
  const realNow = Date.now;
  vi.spyOn(Date, 'now').mockImplementation(() => realNow() + settleAfterMs + 1000);
  try {
    await createCustomer(tenant, input());
  } finally {
    vi.restoreAllMocks();
  }
}
/** Ids of the first bucket recorded as erased (never written). */
const erasedIds = async (tenant: string) => [...(await readGapIds(tenant, [0])).get(0)!.erased].sort((a, b) => a - b);
let seq = 0;
function input(): CreateCustomerInput {
  seq += 1;
  return createCustomerBody.parse({
    customer_name: `Crash ${seq}`,
    customer_email: `crash${seq}@example.com`,
    customer_phone: '+12025550100',
    default_sla_hours: 8,
  });
}
const list = (tenant: string, query: Record<string, string> = {}) => listCustomers(tenant, listCustomersQuery.parse(query));
const idsOf = async (tenant: string, query: Record<string, string> = {}) => (await list(tenant, query)).items.map((c) => c.customer_id);

/** Makes the next DynamoDB call of the given kind fail as a dropped connection does, after (or instead of) reaching the database. */
function dropConnectionOn(kind: typeof TransactWriteCommand | typeof UpdateCommand, opts: { afterApplying: boolean; when?: (input: any) => boolean }) {
  const send = store.doc.send.bind(store.doc);
  let fired = false;
  vi.spyOn(store.doc, 'send').mockImplementation((async (command: any) => {
    if (!fired && command instanceof kind && (opts.when?.(command.input) ?? true)) {
      fired = true;
      if (opts.afterApplying) await (send as (c: unknown) => Promise<unknown>)(command);
      throw Object.assign(new Error('socket hang up'), { name: 'TimeoutError', code: 'ECONNRESET' });
    }
    return send(command);
  }) as typeof store.doc.send);
}

describe('totals and pages after a create dies half-way', () => {
  it('crash after the id was taken, before the transaction: the id is a gap, not a phantom customer', async () => {
    const tenant = newTenant();
    await createCustomer(tenant, input());
    dropConnectionOn(TransactWriteCommand, { afterApplying: false });
    await expect(createCustomer(tenant, input())).rejects.toThrow('socket hang up');
    vi.restoreAllMocks();
    await createCustomer(tenant, input());
    expect((await customerListing.counters(tenant)).pendingCustomerIds.has(2)).toBe(true);

    expect(await list(tenant, { per_page: '1' })).toMatchObject({ total: 2 });
    expect(await idsOf(tenant, { per_page: '1', page: '2' })).toEqual([3]);
    expect(await list(tenant, { has_locations: '0' })).toMatchObject({ total: 2 });
  });

  it('an ambiguous failure whose transaction did land: the customer counts, exactly once', async () => {
    const tenant = newTenant();
    dropConnectionOn(TransactWriteCommand, { afterApplying: true });
    await expect(createCustomer(tenant, input())).rejects.toThrow('socket hang up');
    vi.restoreAllMocks();
    await createCustomer(tenant, input());
    expect(await list(tenant)).toMatchObject({ total: 2 });
    expect(await idsOf(tenant)).toEqual([1, 2]);
    // Lists never write: the mark stays until a create finds it stale, sees customer 1 written and clears it.
    expect((await customerListing.counters(tenant, true)).pendingCustomerIds.has(1)).toBe(true);
    await createLater(tenant);
    expect((await customerListing.counters(tenant, true)).pendingCustomerIds.size).toBe(0);
    expect(await list(tenant)).toMatchObject({ total: 3 });
  });

  it('crash after the transaction, before the mark was cleared: the create answered, the total is right, a later create tidies up', async () => {
    const tenant = newTenant();
    dropConnectionOn(UpdateCommand, { afterApplying: false, when: (i) => String(i.UpdateExpression).startsWith('REMOVE') });
    const created = await createCustomer(tenant, input());
    vi.restoreAllMocks();
    expect((await customerListing.counters(tenant, true)).pendingCustomerIds.has(created.customer_id)).toBe(true);
    expect(await list(tenant)).toMatchObject({ total: 1 });
    await createLater(tenant);
    expect((await customerListing.counters(tenant, true)).pendingCustomerIds.size).toBe(0);
    expect(await list(tenant)).toMatchObject({ total: 2 });
  });

  it('a pending id past the grace becomes vacant; a younger one is left to its create', async () => {
    const tenant = newTenant();
    dropConnectionOn(TransactWriteCommand, { afterApplying: false });
    await expect(createCustomer(tenant, input())).rejects.toThrow();
    vi.restoreAllMocks();
    const { pendingCustomerIds } = await customerListing.counters(tenant, true);
    const at = pendingCustomerIds.get(1)!;
    await customerCreates.settlePending(tenant, pendingCustomerIds, at + settleAfterMs + 1000);
    expect((await customerListing.counters(tenant, true)).pendingCustomerIds.has(1)).toBe(true);
    await customerCreates.settlePending(tenant, pendingCustomerIds, at + pendingGraceMs + 1);
    const after = await customerListing.counters(tenant, true);
    expect(after.pendingCustomerIds.size).toBe(0);
    expect(await erasedIds(tenant)).toEqual([1]);
    expect(await list(tenant)).toMatchObject({ total: 0 });
  });

  it('a create that outlives its lease gives its id up instead of writing', async () => {
    const tenant = newTenant();
    const realNow = Date.now;
    let skew = 0;
    vi.spyOn(Date, 'now').mockImplementation(() => realNow() + skew);
    // The clock jumps past the lease between taking the id and the transaction (a frozen or starved process).
    const creating = customerCreates.create(
      tenant,
      (id) => {
        skew = 120_000;
        return newCustomerRecord(tenant, id, input());
      },
      { assignNumber: false },
    );
    await expect(creating).rejects.toBeInstanceOf(ServiceUnavailableError);
    vi.restoreAllMocks();
    const after = await customerListing.counters(tenant, true);
    expect(after).toMatchObject({ lastCustomerId: 1 });
    expect(await erasedIds(tenant)).toEqual([1]);
    expect(after.pendingCustomerIds.size).toBe(0);
    expect(await customerReads.get(tenant, 1, true)).toBeUndefined();
  });

  it('a create whose transaction keeps conflicting answers 503; its id ends erased, and the total stays exact throughout', async () => {
    const tenant = newTenant();
    await createCustomer(tenant, input());
    const send = store.doc.send.bind(store.doc) as (command: unknown) => Promise<unknown>;
    // Another transaction holds one of its items on every attempt: DynamoDB cancels it, writing nothing.
    const transactions = vi.spyOn(store.doc, 'send').mockImplementation((async (command: unknown) => {
      if (!(command instanceof TransactWriteCommand)) return send(command);
      throw new TransactionCanceledException({
        message: 'Transaction cancelled',
        $metadata: {},
        CancellationReasons: [{ Code: 'TransactionConflict' }, { Code: 'None' }],
      });
    }) as typeof store.doc.send);
    await expect(createCustomer(tenant, input())).rejects.toBeInstanceOf(ServiceUnavailableError);
    const inserts = transactions.mock.calls.filter(([c]) => c instanceof TransactWriteCommand && JSON.stringify(c.input).includes('"CUSTOMER"'));
    expect(inserts).toHaveLength(retryProfiles.transactionConflict.maxAttempts);
    vi.restoreAllMocks();
    // Recording the id as erased is a transaction too, which the same conflicts refused: the id stays pending, and is read as unwritten.
    const counters = await customerListing.counters(tenant, true);
    expect(counters).toMatchObject({ lastCustomerId: 2 });
    expect(counters.pendingCustomerIds.has(2)).toBe(true);
    expect(await list(tenant)).toMatchObject({ total: 1 });
    // Once the conflicts are gone, a create's release records it as erased and clears the mark.
    await customerCreates.settlePending(tenant, counters.pendingCustomerIds, Date.now() + pendingGraceMs + 1);
    expect(await erasedIds(tenant)).toEqual([2]);
    expect((await customerListing.counters(tenant, true)).pendingCustomerIds.size).toBe(0);
    expect(await list(tenant)).toMatchObject({ total: 1 });
  });

  it('concurrent creates of one tenant get distinct, gap-free ids and leave no marks', async () => {
    const tenant = newTenant();
    const created = await Promise.all(Array.from({ length: 25 }, () => createCustomer(tenant, input())));
    expect(created.map((c) => c.customer_id).sort((a, b) => a - b)).toEqual(Array.from({ length: 25 }, (_, i) => i + 1));
    const counters = await customerListing.counters(tenant, true);
    expect(counters).toMatchObject({ lastCustomerId: 25 });
    expect(await erasedIds(tenant)).toEqual([]);
    expect(counters.pendingCustomerIds.size).toBe(0);
  });
});

describe('the has_locations tally moves inside the location transactions', () => {
  const location = () =>
    createLocationBody.parse({ location_name: 'Site', address_street: '1 Main St', address_city: 'Austin', address_state: 'TX', address_zip: '78701' });

  it('a connection dropped after the first location landed still counts the customer once', async () => {
    const tenant = newTenant();
    const a = await createCustomer(tenant, input());
    const b = await createCustomer(tenant, input());
    dropConnectionOn(TransactWriteCommand, { afterApplying: true });
    await expect(createLocation(tenant, a.customer_id, location())).rejects.toThrow('socket hang up');
    vi.restoreAllMocks();
    expect(await list(tenant, { has_locations: '1' })).toMatchObject({ total: 1 });
    expect(await idsOf(tenant, { has_locations: '1' })).toEqual([a.customer_id]);
    expect(await idsOf(tenant, { has_locations: '0' })).toEqual([b.customer_id]);

    const [only] = await locationListing.all(tenant, a.customer_id);
    dropConnectionOn(TransactWriteCommand, { afterApplying: true });
    await expect(deleteLocation(tenant, a.customer_id, only!.location_id)).rejects.toThrow('socket hang up');
    vi.restoreAllMocks();
    expect(await list(tenant, { has_locations: '1' })).toMatchObject({ total: 0, items: [] });
    expect(await list(tenant, { has_locations: '0' })).toMatchObject({ total: 2 });
  });

  it('stays exact under concurrent first-location creates and deletes across many customers', async () => {
    const tenant = newTenant();
    const customers = await Promise.all(Array.from({ length: 20 }, () => createCustomer(tenant, input())));
    await Promise.all(customers.map((c) => createLocation(tenant, c.customer_id, location())));
    const doomed = customers.filter((_, i) => i % 3 === 0);
    await Promise.all(
      doomed.map(async (c) => {
        const [l] = await locationListing.all(tenant, c.customer_id);
        await deleteLocation(tenant, c.customer_id, l!.location_id);
      }),
    );
    expect(await customerListing.locatedCount(tenant, await customerListing.counters(tenant))).toBe(20 - doomed.length);
    expect(await list(tenant, { has_locations: '1' })).toMatchObject({ total: 20 - doomed.length });
    expect(await list(tenant, { has_locations: '0' })).toMatchObject({ total: doomed.length });
  });
});
