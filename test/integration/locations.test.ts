import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createCustomer, listCustomers, toCustomerObject, updateCustomer } from '../../lib/customers/customers.js';
import { listCustomersQuery } from '../../lib/customers/list-query.js';
import { NotFoundError, ServiceUnavailableError, ValidationError } from '../../lib/errors.js';
import {
  createLocation,
  deleteLocation,
  getLocation,
  listLocations,
  locationsOfCustomer,
  updateLocation,
} from '../../lib/locations/locations.js';
import { getCustomerDetail } from '../../lib/customers/customer-detail.js';
import { createLocationBody, type CreateLocationInput } from '../../lib/locations/schema.js';
import { retryProfiles } from '../../lib/retry-policy.js';
import { capacityMeter, CapacityMeter, type Store } from '../../lib/store/client.js';
import { customerListing, customerReads, customerUpdates } from '../../lib/store/customer-store.js';
import { locationReads, locationCreates, locationDeletes, locationUpdates } from '../../lib/store/location-store.js';
import { customerKeys, customerListKeys, locationKeys, tenantKeys } from '../../lib/store/keys.js';
import { useFreshTable } from '../support/fresh-table.js';

let db: Store;
beforeAll(async () => {
  db = await useFreshTable('locations');
});
afterEach(() => {
  vi.restoreAllMocks();
});

let seq = 0;
async function newCustomer(tenantId = 'acme') {
  seq += 1;
  return createCustomer(tenantId, {
    customer_name: `Customer ${seq}`,
    customer_email: `c${seq}@example.com`,
    customer_phone: '+15551234567',
    default_sla_hours: 24,
    tax_exempt: false,
    tax_exemption_reason: null,
  });
}

const address = (overrides: Partial<CreateLocationInput> = {}): CreateLocationInput =>
  createLocationBody.parse({
    location_name: 'Main Office',
    address_street: '123 Commerce Blvd',
    address_city: 'Austin',
    address_state: 'tx',
    address_zip: '78701',
    ...overrides,
  });

async function rawItem(key: { pk: string; sk: string }) {
  const out = await db.doc.send(new GetCommand({ TableName: db.tableName, Key: key, ConsistentRead: true }));
  return out.Item;
}
const rawCustomer = (tenantId: string, customerId: number) => rawItem(customerKeys.customer(tenantId, customerId));
const rawLocation = (tenantId: string, customerId: number, locationId: number) =>
  rawItem(locationKeys.location(tenantId, customerId, locationId));

async function primariesOf(tenantId: string, customerId: number) {
  const all = await locationsOfCustomer(tenantId, customerId);
  return all.filter((l) => l.is_primary).map((l) => l.location_id);
}

/** The geocoder's write as the item contract defines it (C2 owns the real one). */
async function geocoderWrite(tenantId: string, customerId: number, locationId: number, seenVersion: number) {
  try {
    await db.doc.send(
      new UpdateCommand({
        TableName: db.tableName,
        Key: locationKeys.location(tenantId, customerId, locationId),
        UpdateExpression:
          'SET latitude = :lat, longitude = :lng, geocode_status = :geocoded, geocode_precision = :p, geocode_source = :s, geocoded_at = :at',
        ConditionExpression: 'address_version = :seen AND geocode_status = :pending',
        ExpressionAttributeValues: {
          ':lat': 30.27,
          ':lng': -97.74,
          ':geocoded': 'geocoded',
          ':p': 'postal_code',
          ':s': 'us-zip-centroids',
          ':at': '2026-01-15T10:00:05Z',
          ':seen': seenVersion,
          ':pending': 'pending',
        },
      }),
    );
    return true;
  } catch (err) {
    if ((err as Error).name === 'ConditionalCheckFailedException') return false;
    throw err;
  }
}

describe('createLocation', () => {
  it('stores the contract item: first location is primary, pending at its ZIP centroid, address_version 1', async () => {
    const c = await newCustomer();
    const loc = await createLocation('acme', c.customer_id, address(), () => new Date('2026-01-15T10:00:00.123Z'));
    expect(loc).toEqual({
      location_id: loc.location_id,
      location_name: 'Main Office',
      address_street: '123 Commerce Blvd',
      address_city: 'Austin',
      address_state: 'TX',
      address_zip: '78701',
      // Never null: Austin 78701's ZIP centroid until the geocoder answers.
      latitude: 30.27,
      longitude: -97.74,
      is_primary: true,
      created_at: '2026-01-15T10:00:00Z',
      updated_at: '2026-01-15T10:00:00Z',
      geocode_status: 'pending',
      geocode_precision: 'postal_code',
      geocode_source: 'us-zip-centroids',
      geocoded_at: null,
    });
    const item = await rawLocation('acme', c.customer_id, loc.location_id);
    expect(item).toMatchObject({
      entity: 'location',
      tenant_id: 'acme',
      customer_id: c.customer_id,
      location_id: loc.location_id,
      address_version: 1,
      geocode_status: 'pending',
    });
    const customer = await rawCustomer('acme', c.customer_id);
    expect(customer).toMatchObject({
      location_count: 1,
      primary_location_id: loc.location_id,
      ...customerKeys.located('acme', true, c.customer_id),
    });
  });

  it('allocates location ids per tenant from the counters item', async () => {
    const before = (await rawItem(tenantKeys.counters('acme')))?.last_location_id ?? 0;
    const c = await newCustomer();
    const a = await createLocation('acme', c.customer_id, address());
    const b = await createLocation('acme', c.customer_id, address());
    expect([a.location_id, b.location_id]).toEqual([before + 1, before + 2]);
    const other = await newCustomer('initech');
    expect((await createLocation('initech', other.customer_id, address())).location_id).toBe(1);
  });

  it('keeps client coordinates as a manual pin', async () => {
    const c = await newCustomer();
    const loc = await createLocation('acme', c.customer_id, address({ latitude: 30.2672, longitude: -97.7431 }), () => new Date('2026-03-01T12:00:00Z'));
    expect(loc).toMatchObject({
      latitude: 30.2672,
      longitude: -97.7431,
      geocode_status: 'manual',
      geocode_precision: 'manual',
      geocode_source: 'client',
      geocoded_at: '2026-03-01T12:00:00Z',
    });
    // A geocoder result for the same address version must not overwrite the pin.
    expect(await geocoderWrite('acme', c.customer_id, loc.location_id, 1)).toBe(false);
  });

  it('answers 404 for an unknown customer or another tenant’s customer, and burns no id', async () => {
    const c = await newCustomer();
    const before = (await rawItem(tenantKeys.counters('globex')))?.last_location_id;
    await expect(createLocation('globex', c.customer_id, address())).rejects.toThrow(NotFoundError);
    await expect(createLocation('acme', 999_999, address())).rejects.toThrow('Customer not found');
    expect((await rawItem(tenantKeys.counters('globex')))?.last_location_id).toBe(before);
  });

  it('moves the primary flag when a new location asks for it, in the same write', async () => {
    const c = await newCustomer();
    const first = await createLocation('acme', c.customer_id, address());
    const second = await createLocation('acme', c.customer_id, address({ location_name: 'Warehouse' }));
    expect(second.is_primary).toBe(false);
    const third = await createLocation('acme', c.customer_id, address({ location_name: 'HQ', is_primary: true }));
    expect(third.is_primary).toBe(true);
    expect(await primariesOf('acme', c.customer_id)).toEqual([third.location_id]);
    expect((await getLocation('acme', c.customer_id, first.location_id)).is_primary).toBe(false);
    expect(await rawCustomer('acme', c.customer_id)).toMatchObject({ location_count: 3, primary_location_id: third.location_id });
  });

  it('a first location asked not to be primary still becomes primary', async () => {
    const c = await newCustomer();
    const loc = await createLocation('acme', c.customer_id, address({ is_primary: false }));
    expect(loc.is_primary).toBe(true);
  });
});

describe('getLocation and listLocations', () => {
  it('isolates customers and tenants: every miss is a 404', async () => {
    const a = await newCustomer();
    const b = await newCustomer();
    const loc = await createLocation('acme', a.customer_id, address());
    expect((await getLocation('acme', a.customer_id, loc.location_id)).location_id).toBe(loc.location_id);
    await expect(getLocation('acme', b.customer_id, loc.location_id)).rejects.toThrow('Location not found');
    await expect(getLocation('globex', a.customer_id, loc.location_id)).rejects.toThrow('Customer not found');
    await expect(listLocations('globex', a.customer_id, { page: 1, per_page: 50 })).rejects.toThrow(NotFoundError);
    await expect(updateLocation('acme', b.customer_id, loc.location_id, { location_name: 'X' })).rejects.toThrow('Location not found');
    await expect(updateLocation('globex', a.customer_id, loc.location_id, { location_name: 'X' })).rejects.toThrow(NotFoundError);
    await expect(deleteLocation('acme', b.customer_id, loc.location_id)).rejects.toThrow('Location not found');
    await expect(deleteLocation('globex', a.customer_id, loc.location_id)).rejects.toThrow('Customer not found');
    expect((await getLocation('acme', a.customer_id, loc.location_id)).location_name).toBe('Main Office');
  });

  it('pages in id order with the customer’s location count as total', async () => {
    const c = await newCustomer();
    const ids: number[] = [];
    for (let i = 0; i < 5; i++) ids.push((await createLocation('acme', c.customer_id, address({ location_name: `Site ${i}` }))).location_id);
    const p1 = await listLocations('acme', c.customer_id, { page: 1, per_page: 2 });
    const p3 = await listLocations('acme', c.customer_id, { page: 3, per_page: 2 });
    const p4 = await listLocations('acme', c.customer_id, { page: 4, per_page: 2 });
    expect(p1).toMatchObject({ total: 5 });
    expect(p1.items.map((l) => l.location_id)).toEqual(ids.slice(0, 2));
    expect(p3.items.map((l) => l.location_id)).toEqual(ids.slice(4));
    expect(p4).toEqual({ items: [], total: 5 });
    const empty = await newCustomer();
    expect(await listLocations('acme', empty.customer_id, { page: 1, per_page: 50 })).toEqual({ items: [], total: 0 });
  });

  it('locationsOfCustomer puts the primary first, then id order', async () => {
    const c = await newCustomer();
    const a = await createLocation('acme', c.customer_id, address());
    const b = await createLocation('acme', c.customer_id, address());
    const d = await createLocation('acme', c.customer_id, address());
    await updateLocation('acme', c.customer_id, b.location_id, { is_primary: true });
    expect((await locationsOfCustomer('acme', c.customer_id)).map((l) => l.location_id)).toEqual([b.location_id, a.location_id, d.location_id]);
  });
});

/** include=locations alone, as the GET customer function asks for it. */
const getCustomerWithLocations = async (tenantId: string, customerId: number, max: number) => {
  const { customer, locations } = await getCustomerDetail(tenantId, customerId, { locations: true, contacts: false, maxLocations: max });
  return { customer, locations: locations! };
};

describe('getCustomerDetail (include=locations)', () => {
  it('reads the customer and its locations, primary first, from one Query', async () => {
    const c = await newCustomer();
    expect(await getCustomerWithLocations('acme', c.customer_id, 100)).toMatchObject({ customer: { customer_id: c.customer_id }, locations: [] });
    const a = await createLocation('acme', c.customer_id, address());
    const b = await createLocation('acme', c.customer_id, address({ is_primary: true }));
    const meter = new CapacityMeter();
    const { customer, locations } = await capacityMeter.run(meter, () => getCustomerWithLocations('acme', c.customer_id, 100));
    expect(meter.calls).toBe(1);
    expect(toCustomerObject(customer)).toEqual(c);
    expect(locations.map((l) => l.location_id)).toEqual([b.location_id, a.location_id]);
    expect(locations[0]).toEqual(await getLocation('acme', c.customer_id, b.location_id));
  });

  it('embeds at most the bound, primary first even when the primary lies beyond it, reading no further', async () => {
    const c = await newCustomer();
    const created = [];
    for (let i = 0; i < 6; i++) created.push(await createLocation('acme', c.customer_id, address({ is_primary: i === 5 })));
    const meter = new CapacityMeter();
    const { locations } = await capacityMeter.run(meter, () => getCustomerWithLocations('acme', c.customer_id, 3));
    expect(locations.map((l) => l.location_id)).toEqual([created[5]!.location_id, created[0]!.location_id, created[1]!.location_id]);
    expect(meter.calls).toBe(2); // the bounded Query, then the primary's GetItem
    const first = await getCustomerWithLocations('acme', c.customer_id, 6);
    expect(first.locations).toHaveLength(6);
    expect(first.locations[0]!.location_id).toBe(created[5]!.location_id);
  });

  it('answers 404 for an unknown customer and another tenant’s customer', async () => {
    const c = await newCustomer();
    await createLocation('acme', c.customer_id, address());
    await expect(getCustomerWithLocations('globex', c.customer_id, 100)).rejects.toThrow('Customer not found');
    await expect(getCustomerWithLocations('acme', 999_999, 100)).rejects.toThrow('Customer not found');
  });
});

describe('updateLocation', () => {
  it('an address change sends the location back to pending and bumps address_version', async () => {
    const c = await newCustomer();
    const loc = await createLocation('acme', c.customer_id, address());
    expect(await geocoderWrite('acme', c.customer_id, loc.location_id, 1)).toBe(true);
    expect(await getLocation('acme', c.customer_id, loc.location_id)).toMatchObject({ geocode_status: 'geocoded', latitude: 30.27 });

    const updated = await updateLocation('acme', c.customer_id, loc.location_id, {
      location_name: 'Main Office - Renovated',
      address_street: '125 Commerce Blvd',
    }, () => new Date('2026-02-01T00:00:00Z'));
    expect(updated).toMatchObject({
      location_name: 'Main Office - Renovated',
      address_street: '125 Commerce Blvd',
      address_city: 'Austin',
      // The geocoded coordinate belonged to the old address; the ZIP centroid stands in.
      latitude: 30.27,
      longitude: -97.74,
      geocode_status: 'pending',
      geocode_precision: 'postal_code',
      geocode_source: 'us-zip-centroids',
      geocoded_at: null,
      updated_at: '2026-02-01T00:00:00Z',
      created_at: loc.created_at,
    });
    expect((await rawLocation('acme', c.customer_id, loc.location_id))?.address_version).toBe(2);
    // A slow result for the old address is discarded; the one for the new address lands.
    expect(await geocoderWrite('acme', c.customer_id, loc.location_id, 1)).toBe(false);
    expect(await geocoderWrite('acme', c.customer_id, loc.location_id, 2)).toBe(true);
  });

  it('a name change keeps coordinates and geocoding facts, and the address version', async () => {
    const c = await newCustomer();
    const loc = await createLocation('acme', c.customer_id, address());
    await geocoderWrite('acme', c.customer_id, loc.location_id, 1);
    const updated = await updateLocation('acme', c.customer_id, loc.location_id, { location_name: 'Renamed' });
    expect(updated).toMatchObject({ location_name: 'Renamed', geocode_status: 'geocoded', latitude: 30.27, longitude: -97.74 });
    expect((await rawLocation('acme', c.customer_id, loc.location_id))?.address_version).toBe(1);
  });

  it('a manual pin survives a name change and yields to an address change', async () => {
    const c = await newCustomer();
    const loc = await createLocation('acme', c.customer_id, address({ latitude: 30.2672, longitude: -97.7431 }));
    const renamed = await updateLocation('acme', c.customer_id, loc.location_id, { location_name: 'Renamed' });
    expect(renamed).toMatchObject({ geocode_status: 'manual', latitude: 30.2672, longitude: -97.7431 });
    const moved = await updateLocation('acme', c.customer_id, loc.location_id, { address_zip: '75201', address_city: 'Dallas' });
    expect(moved).toMatchObject({ geocode_status: 'pending', latitude: 32.79, longitude: -96.8, geocode_precision: 'postal_code', address_zip: '75201' });
  });

  it('coordinates in an update pin the location manually, with or without an address change', async () => {
    const c = await newCustomer();
    const loc = await createLocation('acme', c.customer_id, address());
    const pinned = await updateLocation('acme', c.customer_id, loc.location_id, { latitude: 30.3, longitude: -97.7 });
    expect(pinned).toMatchObject({ geocode_status: 'manual', geocode_source: 'client', latitude: 30.3, longitude: -97.7, address_street: '123 Commerce Blvd' });
    expect((await rawLocation('acme', c.customer_id, loc.location_id))?.address_version).toBe(1);
    const both = await updateLocation('acme', c.customer_id, loc.location_id, { address_zip: '75201', latitude: 32.79, longitude: -96.8 });
    expect(both).toMatchObject({ geocode_status: 'manual', latitude: 32.79, longitude: -96.8, address_zip: '75201' });
    expect((await rawLocation('acme', c.customer_id, loc.location_id))?.address_version).toBe(2);
  });

  it('restating current values changes nothing, not even updated_at', async () => {
    const c = await newCustomer();
    const loc = await createLocation('acme', c.customer_id, address(), () => new Date('2026-01-01T00:00:00Z'));
    const same = await updateLocation('acme', c.customer_id, loc.location_id, { address_state: 'TX', location_name: 'Main Office', is_primary: true });
    expect(same).toEqual(loc);
    expect((await rawLocation('acme', c.customer_id, loc.location_id))?.address_version).toBe(1);
  });

  it('is_primary: true moves the flag and the customer’s pointer in one transaction', async () => {
    const c = await newCustomer();
    const a = await createLocation('acme', c.customer_id, address());
    const b = await createLocation('acme', c.customer_id, address());
    const versionBefore = (await rawCustomer('acme', c.customer_id))?.version;
    const moved = await updateLocation('acme', c.customer_id, b.location_id, { is_primary: true, location_name: 'New HQ' });
    expect(moved).toMatchObject({ is_primary: true, location_name: 'New HQ' });
    expect(await primariesOf('acme', c.customer_id)).toEqual([b.location_id]);
    expect((await getLocation('acme', c.customer_id, a.location_id)).is_primary).toBe(false);
    expect(await rawCustomer('acme', c.customer_id)).toMatchObject({ primary_location_id: b.location_id, location_count: 2, version: versionBefore + 1 });
  });

  it('refuses to unset the primary flag (there is always one primary)', async () => {
    const c = await newCustomer();
    const a = await createLocation('acme', c.customer_id, address());
    const b = await createLocation('acme', c.customer_id, address());
    await expect(updateLocation('acme', c.customer_id, a.location_id, { is_primary: false })).rejects.toThrow(ValidationError);
    // false on a location that is not primary is simply its current value
    expect((await updateLocation('acme', c.customer_id, b.location_id, { is_primary: false })).is_primary).toBe(false);
    expect(await primariesOf('acme', c.customer_id)).toEqual([a.location_id]);
  });
});

describe('deleteLocation', () => {
  it('promotes the lowest remaining id when the primary goes, and clears everything with the last one', async () => {
    const c = await newCustomer();
    const a = await createLocation('acme', c.customer_id, address());
    const b = await createLocation('acme', c.customer_id, address());
    const d = await createLocation('acme', c.customer_id, address());
    await updateLocation('acme', c.customer_id, d.location_id, { is_primary: true });

    await deleteLocation('acme', c.customer_id, d.location_id);
    expect(await primariesOf('acme', c.customer_id)).toEqual([a.location_id]);
    expect(await rawCustomer('acme', c.customer_id)).toMatchObject({ location_count: 2, primary_location_id: a.location_id });
    await expect(getLocation('acme', c.customer_id, d.location_id)).rejects.toThrow('Location not found');

    await deleteLocation('acme', c.customer_id, b.location_id); // not the primary: no promotion
    expect(await primariesOf('acme', c.customer_id)).toEqual([a.location_id]);

    await deleteLocation('acme', c.customer_id, a.location_id);
    const customer = await rawCustomer('acme', c.customer_id);
    expect(customer).toMatchObject({ location_count: 0, ...customerKeys.located('acme', false, c.customer_id) });
    expect(customer).not.toHaveProperty('primary_location_id');
    await expect(deleteLocation('acme', c.customer_id, a.location_id)).rejects.toThrow('Location not found');

    // The next location after emptying is primary again.
    expect((await createLocation('acme', c.customer_id, address())).is_primary).toBe(true);
  });
});

describe('has_locations on the customer list', () => {
  it('totals and pages follow creates and deletes, on every query plan', async () => {
    const q = (extra: Record<string, string>) => listCustomersQuery.parse({ per_page: '100', ...extra });
    const customers = [];
    for (let i = 0; i < 4; i++) customers.push(await newCustomer('hooli'));
    const [c1, c2, c3] = customers as [typeof customers[0], typeof customers[0], typeof customers[0]];
    const l1 = await createLocation('hooli', c1.customer_id, address());
    await createLocation('hooli', c1.customer_id, address());
    await createLocation('hooli', c3.customer_id, address());

    const ids = (page: { items: { customer_id: number }[] }) => page.items.map((c) => c.customer_id);
    const located = await listCustomers('hooli', q({ has_locations: '1' }));
    const unlocated = await listCustomers('hooli', q({ has_locations: '0' }));
    expect(located.total).toBe(2);
    expect(ids(located)).toEqual([c1.customer_id, c3.customer_id]);
    expect(unlocated.total).toBe(2);
    expect(ids(unlocated)).toEqual([c2.customer_id, customers[3]!.customer_id]);
    // created-range plan (gsi2 carries location_count) and search plan (reads records)
    expect(ids(await listCustomers('hooli', q({ has_locations: '1', created_after: '2000-01-01T00:00:00Z' })))).toEqual([c1.customer_id, c3.customer_id]);
    expect(ids(await listCustomers('hooli', q({ has_locations: '1', search: 'Customer' })))).toEqual([c1.customer_id, c3.customer_id]);

    // Deleting one of two locations keeps c1 located; deleting the last one moves it.
    await deleteLocation('hooli', c1.customer_id, l1.location_id);
    expect((await listCustomers('hooli', q({ has_locations: '1' }))).total).toBe(2);
    const remaining = await listLocations('hooli', c1.customer_id, { page: 1, per_page: 50 });
    await deleteLocation('hooli', c1.customer_id, remaining.items[0]!.location_id);
    const after = await listCustomers('hooli', q({ has_locations: '1' }));
    expect(after.total).toBe(1);
    expect(ids(after)).toEqual([c3.customer_id]);
    expect((await listCustomers('hooli', q({ has_locations: '0' }))).total).toBe(3);
    // The tally moves inside the location transactions: its shards sum to the located customers.
    expect(await customerListing.locatedCount('hooli', await customerListing.counters('hooli'))).toBe(1);
    expect((await rawItem(tenantKeys.counters('hooli')))?.located_customers).toBeUndefined();
    expect(ids(await listCustomers('hooli', q({ has_locations: '0', created_after: '2000-01-01T00:00:00Z' })))).toEqual([
      c1.customer_id,
      c2.customer_id,
      customers[3]!.customer_id,
    ]);
  });
});

describe('concurrency', () => {
  it('a customer update that read before a location create cannot write back a stale location_count', async () => {
    const c = await newCustomer();
    // The losing interleaving, made deterministic: the PUT reads, the location create commits, the PUT writes.
    const before = (await customerReads.get('acme', c.customer_id, true))!;
    await createLocation('acme', c.customer_id, address());
    const after = { ...before, customer_name: 'Renamed', version: before.version + 1 };
    expect(await customerUpdates.replace(before, after)).toBe('conflict');
    // The use-case re-reads on conflict, so the real PUT keeps the count.
    await updateCustomer('acme', c.customer_id, { customer_name: 'Renamed' });
    expect(await rawCustomer('acme', c.customer_id)).toMatchObject({ customer_name: 'Renamed', location_count: 1 });
  });

  it('customer updates racing location creates end with the right location_count', async () => {
    const c = await newCustomer();
    const rounds = 4;
    for (let i = 0; i < rounds; i++) {
      await Promise.all([
        updateCustomer('acme', c.customer_id, { customer_name: `Renamed ${i}` }),
        createLocation('acme', c.customer_id, address({ location_name: `Site ${i}` })),
      ]);
    }
    const customer = await rawCustomer('acme', c.customer_id);
    const all = await locationsOfCustomer('acme', c.customer_id);
    expect(all).toHaveLength(rounds);
    expect(customer?.location_count).toBe(rounds);
    expect(customer?.customer_name).toBe(`Renamed ${rounds - 1}`);
    expect(customer).toMatchObject(customerKeys.located('acme', true, c.customer_id));
    expect(all.filter((l) => l.is_primary)).toHaveLength(1);
    expect(customer?.primary_location_id).toBe(all[0]!.location_id);
  });

  it('a write whose decision went stale is refused by its conditions', async () => {
    const c = await newCustomer();
    // "First location" decided on a count of 0 that is no longer true.
    const staleEmpty = (await locationReads.customerState('acme', c.customer_id))!;
    const a = await createLocation('acme', c.customer_id, address());
    const at = '2026-01-01T00:00:00Z';
    const record = {
      ...(await locationReads.get('acme', c.customer_id, a.location_id, true))!,
      location_id: await locationCreates.allocateId('acme'),
    };
    expect(await locationCreates.insert(record, staleEmpty)).toBe('conflict');

    // Deleting "a non-primary" location that has become primary since the read.
    const b = await createLocation('acme', c.customer_id, address());
    const staleCustomer = (await locationReads.customerState('acme', c.customer_id))!;
    const staleB = (await locationReads.get('acme', c.customer_id, b.location_id, true))!;
    await updateLocation('acme', c.customer_id, b.location_id, { is_primary: true });
    expect(await locationDeletes.remove(staleB, staleCustomer, undefined, at)).toBe('conflict');

    // Demoting a primary that is no longer the primary.
    const d = await createLocation('acme', c.customer_id, address());
    const staleD = (await locationReads.get('acme', c.customer_id, d.location_id, true))!;
    const move = { customer: staleCustomer, demote: staleCustomer.primaryLocationId };
    expect((await locationUpdates.update(staleD, { is_primary: true, updated_at: at }, move)).outcome).toBe('conflict');

    expect(await primariesOf('acme', c.customer_id)).toEqual([b.location_id]);
    expect(await rawCustomer('acme', c.customer_id)).toMatchObject({ location_count: 3, primary_location_id: b.location_id });
  });

  it('a burst of creates for one customer all land, with exact counts', async () => {
    const c = await newCustomer();
    const burst = 20;
    const created = await Promise.all(
      Array.from({ length: burst }, (_, i) => createLocation('acme', c.customer_id, address({ location_name: `Burst ${i}` }))),
    );
    expect(new Set(created.map((l) => l.location_id)).size).toBe(burst);
    expect(created.filter((l) => l.is_primary)).toHaveLength(1);
    expect(await rawCustomer('acme', c.customer_id)).toMatchObject({ location_count: burst });
    expect((await listLocations('acme', c.customer_id, { page: 1, per_page: 100 })).items).toHaveLength(burst);
  });

  it('concurrent creates asking for primary, and concurrent deletes, keep exactly one primary', async () => {
    const c = await newCustomer();
    const created = await Promise.all(
      Array.from({ length: 5 }, (_, i) => createLocation('acme', c.customer_id, address({ location_name: `P${i}`, is_primary: true }))),
    );
    const primaries = await primariesOf('acme', c.customer_id);
    expect(primaries).toHaveLength(1);
    expect((await rawCustomer('acme', c.customer_id))?.primary_location_id).toBe(primaries[0]);

    const doomed = created.map((l) => l.location_id).filter((id) => id !== Math.max(...created.map((l) => l.location_id)));
    await Promise.all(doomed.map((id) => deleteLocation('acme', c.customer_id, id)));
    const left = await locationsOfCustomer('acme', c.customer_id);
    expect(left).toHaveLength(1);
    expect(left[0]!.is_primary).toBe(true);
    expect(await rawCustomer('acme', c.customer_id)).toMatchObject({ location_count: 1, primary_location_id: left[0]!.location_id });
  });
});

describe('a write that keeps losing races', () => {
  const attempts = retryProfiles.optimisticWrite.maxAttempts;

  it('create, update and delete each retry on fresh reads, then answer 503 (ServiceUnavailableError), changing nothing', async () => {
    const c = await newCustomer();
    const kept = await createLocation('acme', c.customer_id, address({ location_name: 'Kept' }));
    const customerBefore = await rawCustomer('acme', c.customer_id);
    const keptBefore = await rawLocation('acme', c.customer_id, kept.location_id);

    // Every attempt loses: the customer (or the location) changed since it was read, each time.
    const insert = vi.spyOn(locationCreates, 'insert').mockResolvedValue('conflict');
    const update = vi.spyOn(locationUpdates, 'update').mockResolvedValue({ outcome: 'conflict' });
    const remove = vi.spyOn(locationDeletes, 'remove').mockResolvedValue('conflict');
    const reads = vi.spyOn(locationReads, 'customerState');

    await expect(createLocation('acme', c.customer_id, address({ location_name: 'Never' }))).rejects.toBeInstanceOf(ServiceUnavailableError);
    expect(insert).toHaveBeenCalledTimes(attempts);
    // One read before the first attempt, a fresh one before each retry.
    expect(reads).toHaveBeenCalledTimes(attempts);

    await expect(updateLocation('acme', c.customer_id, kept.location_id, { location_name: 'Renamed' })).rejects.toBeInstanceOf(
      ServiceUnavailableError,
    );
    expect(update).toHaveBeenCalledTimes(attempts);

    await expect(deleteLocation('acme', c.customer_id, kept.location_id)).rejects.toBeInstanceOf(ServiceUnavailableError);
    expect(remove).toHaveBeenCalledTimes(attempts);

    vi.restoreAllMocks();
    expect(await rawCustomer('acme', c.customer_id)).toEqual(customerBefore);
    expect(await rawLocation('acme', c.customer_id, kept.location_id)).toEqual(keptBefore);
    expect((await locationsOfCustomer('acme', c.customer_id)).map((l) => l.location_name)).toEqual(['Kept']);
  });

  it('a race lost a few times, then won, lands once', async () => {
    const c = await newCustomer();
    const real = locationCreates.insert.bind(locationCreates);
    let lost = 0;
    vi.spyOn(locationCreates, 'insert').mockImplementation(async (...args) => (++lost <= 3 ? 'conflict' : real(...args)));
    const created = await createLocation('acme', c.customer_id, address());
    expect(lost).toBe(4);
    vi.restoreAllMocks();
    expect(await getLocation('acme', c.customer_id, created.location_id)).toEqual(created);
    expect(await rawCustomer('acme', c.customer_id)).toMatchObject({ location_count: 1, primary_location_id: created.location_id });
  });
});
