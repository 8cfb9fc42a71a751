import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, QueryCommand, UpdateCommand, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import { customerLayout } from '../model/customer-layout.js';
import { locationEntity, type LocationRecord } from '../model/location.js';
import { store } from './client.js';
import { itemOf, recordOf } from './entity-items.js';
import { customerKeys } from './keys/customer-keys.js';
import { locationKeys } from './keys/location-keys.js';
import { queryPages } from './query-pages.js';
import { setClause } from './set-clause.js';
import { addToTenantCounter } from './tenant-counters.js';
import { tallyChange } from './tenant-tallies.js';
import { transactWrite } from './transactions.js';

type TransactItem = Parameters<typeof transactWrite>[0][number];

export type { LocationRecord };

/** What location writes need to know about their customer. */
export interface CustomerLocationState {
  tenantId: string;
  customerId: number;
  locationCount: number;
  primaryLocationId: number | undefined;
}

/** The fields of a location an update may change. */
export type LocationChanges = Partial<Omit<LocationRecord, 'tenant_id' | 'customer_id' | 'location_id' | 'created_at'>>;

const locationItem = (l: LocationRecord) => itemOf(locationEntity, l);
const stripKeys = (item: Record<string, unknown>) => recordOf<LocationRecord>(item);

/**
 * The customer side of every location write, in the same transaction:
 * location_count ±1, the located index keys when the count crosses 0↔1, the
 * primary pointer, and `ADD version 1` — customer updates are conditional Puts
 * on version, so without the bump a racing customer update would write back a
 * stale location_count.
 *
 * Conditioned on exactly the facts the caller decided from, not on the whole
 * version: whether the count was zero (first location, index flip) or is
 * still on the same side of it, and — when the write moves the primary flag —
 * which location held it. So a burst of plain creates for one customer does
 * not make each other retry; only a write whose decision went stale does.
 */
function customerUpdate(
  c: CustomerLocationState,
  countDelta: -1 | 0 | 1,
  newPrimary: number | undefined,
  reliesOnPrimary: boolean,
): TransactItem {
  const { tableName } = store();
  const after = c.locationCount + countDelta;
  const crosses = (c.locationCount > 0) !== (after > 0);
  const set: Record<string, unknown> = {};
  if (crosses) Object.assign(set, customerKeys.located(c.tenantId, after > 0, c.customerId));
  if (newPrimary !== undefined) set.primary_location_id = newPrimary;
  const { parts, names, vals } = setClause(set, 's');
  const remove = newPrimary === undefined && after === 0 ? ' REMOVE primary_location_id' : '';
  // A missing customer has no location_count, so every count condition also means "the customer exists".
  // Never on a trashed customer: the trash took it out of the tallies and indexes these keep.
  // (deleted_at is null, or absent on older items, while the customer is not trashed: a string only in the trash.)
  const conditions = [crosses ? 'location_count = :seenCount' : `location_count > :floor`, 'NOT attribute_type(deleted_at, :string)'];
  const values: Record<string, unknown> = { ':string': 'S', ...(crosses ? { ':seenCount': c.locationCount } : { ':floor': countDelta < 0 ? 1 : 0 }) };
  if (reliesOnPrimary) {
    if (c.primaryLocationId === undefined) conditions.push('attribute_not_exists(primary_location_id)');
    else {
      conditions.push('primary_location_id = :seenPrimary');
      values[':seenPrimary'] = c.primaryLocationId;
    }
  }
  return {
    Update: {
      TableName: tableName,
      Key: customerKeys.customer(c.tenantId, c.customerId),
      UpdateExpression: `${parts.length ? `SET ${parts.join(', ')} ` : ''}ADD location_count :delta, #version :one${remove}`,
      ConditionExpression: conditions.join(' AND '),
      ExpressionAttributeNames: { ...names, '#version': 'version' },
      ExpressionAttributeValues: { ...vals, ...values, ':delta': countDelta, ':one': 1 },
    },
  };
}

/** Sets is_primary on another location of the customer (demotion or promotion) inside the transaction. */
function primaryFlag(c: CustomerLocationState, locationId: number, isPrimary: boolean, at: string): TransactItem {
  return {
    Update: {
      TableName: store().tableName,
      Key: locationKeys.location(c.tenantId, c.customerId, locationId),
      UpdateExpression: 'SET is_primary = :p, updated_at = :at',
      ConditionExpression: 'attribute_exists(pk)',
      ExpressionAttributeValues: { ':p': isPrimary, ':at': at },
    },
  };
}

/** A location's own update, conditioned on the address version and geocode status it was computed from. */
function locationUpdate(before: LocationRecord, changes: LocationChanges) {
  const { parts, names, vals } = setClause(changes, 'u');
  return {
    TableName: store().tableName,
    Key: locationKeys.location(before.tenant_id, before.customer_id, before.location_id),
    UpdateExpression: `SET ${parts.join(', ')}`,
    // Guards against the geocoder (and other address writes) landing between our read and this write.
    ConditionExpression: 'attribute_exists(pk) AND address_version = :seenVersion AND geocode_status = :seenStatus',
    ExpressionAttributeNames: names,
    ExpressionAttributeValues: { ...vals, ':seenVersion': before.address_version, ':seenStatus': before.geocode_status },
  };
}

/** One location, and its customer's location bookkeeping: what location writes read. */
export const locationReads = {
  /** The customer's location bookkeeping; undefined when the tenant has no such customer, or it is in the trash. */
  async customerState(tenantId: string, customerId: number, consistent = true): Promise<CustomerLocationState | undefined> {
    const { doc, tableName } = store();
    const out = await doc.send(
      new GetCommand({
        TableName: tableName,
        Key: customerKeys.customer(tenantId, customerId),
        ConsistentRead: consistent,
        ProjectionExpression: 'location_count, primary_location_id, deleted_at',
      }),
    );
    // A trashed customer's locations are out of reach until it is restored.
    if (!out.Item || out.Item.deleted_at) return undefined;
    return {
      tenantId,
      customerId,
      locationCount: (out.Item.location_count as number | undefined) ?? 0,
      primaryLocationId: out.Item.primary_location_id as number | undefined,
    };
  },
  async get(tenantId: string, customerId: number, locationId: number, consistent = false): Promise<LocationRecord | undefined> {
    const { doc, tableName } = store();
    const out = await doc.send(
      new GetCommand({ TableName: tableName, Key: locationKeys.location(tenantId, customerId, locationId), ConsistentRead: consistent }),
    );
    return out.Item ? stripKeys(out.Item) : undefined;
  },
  /** The `count` lowest location ids of a customer. */
  async lowestIds(tenantId: string, customerId: number, count: number): Promise<number[]> {
    const ids: number[] = [];
    // Consistent: the caller promotes one of these ids, so a just-written location must count.
    await queryLocations(tenantId, customerId, { ProjectionExpression: 'sk', ConsistentRead: true }, (item) => ids.push(locationKeys.idFromSortKey(item.sk as string)), count);
    return ids.slice(0, count);
  },
};

/** A customer's locations, paged or whole: what lists read (include=locations reads ./customer-collection.ts). */
export const locationListing = {
  /** Locations of a customer in id order, positions [offset, offset+limit). Reads only up to the page's end. */
  async page(tenantId: string, customerId: number, offset: number, limit: number): Promise<LocationRecord[]> {
    const items: LocationRecord[] = [];
    await queryLocations(tenantId, customerId, {}, (item) => items.push(stripKeys(item)), offset + limit);
    return items.slice(offset, offset + limit);
  },
  /** Every location of a customer, in id order. */
  async all(tenantId: string, customerId: number): Promise<LocationRecord[]> {
    const items: LocationRecord[] = [];
    await queryLocations(tenantId, customerId, {}, (item) => items.push(stripKeys(item)));
    return items;
  },
};

/** Location writes, each with its customer's bookkeeping in one transaction; one group per use-case. */
export const locationCreates = {
  /** Atomic per-tenant location id counter (same counters item as customer ids). */
  allocateId: (tenantId: string): Promise<number> => addToTenantCounter(tenantId, 'last_location_id', 1),
  /**
   * Writes a new location and its customer's bookkeeping in one transaction;
   * when the new location takes the primary flag, `demote` (the previous
   * primary) loses it in the same transaction. 'conflict': the customer
   * changed since `customer` was read (or is gone) — re-read and retry.
   */
  async insert(l: LocationRecord, customer: CustomerLocationState, demote?: number): Promise<'ok' | 'conflict'> {
    const { tableName } = store();
    const items: TransactItem[] = [
      { Put: { TableName: tableName, Item: locationItem(l), ConditionExpression: 'attribute_not_exists(pk)' } },
      customerUpdate(customer, 1, l.is_primary ? l.location_id : undefined, demote !== undefined),
    ];
    if (demote !== undefined) items.push(primaryFlag(customer, demote, false, l.updated_at));
    if (customer.locationCount === 0) items.push(tallyChange(customer.tenantId, 'located_customers', customer.customerId, 1));
    const result = await transactWrite(items);
    if (result.ok) return 'ok';
    // The id came from the tenant's counter; an item already there is a bug (a 500), not contention.
    if (result.failedConditions.includes(0)) throw new Error(`location id ${l.location_id} of tenant ${l.tenant_id} already in use`);
    return 'conflict';
  },
};

export const locationUpdates = {
  /**
   * Applies `changes` to a location read as `before`. Without a primary move
   * this is one conditional UpdateItem; when the location becomes primary the
   * previous primary and the customer's pointer change in the same transaction.
   */
  async update(
    before: LocationRecord,
    changes: LocationChanges,
    primaryMove?: { customer: CustomerLocationState; demote: number | undefined },
  ): Promise<{ outcome: 'ok'; after: LocationRecord } | { outcome: 'conflict' }> {
    const update = locationUpdate(before, changes);
    if (!primaryMove) {
      try {
        const out = await store().doc.send(new UpdateCommand({ ...update, ReturnValues: 'ALL_NEW' }));
        return { outcome: 'ok', after: stripKeys(out.Attributes!) };
      } catch (err) {
        if (err instanceof ConditionalCheckFailedException) return { outcome: 'conflict' };
        throw err;
      }
    }
    const { customer, demote } = primaryMove;
    const items: TransactItem[] = [{ Update: update }, customerUpdate(customer, 0, before.location_id, true)];
    if (demote !== undefined) items.push(primaryFlag(customer, demote, false, changes.updated_at ?? before.updated_at));
    const result = await transactWrite(items);
    // The conditions pin the location's geocoding state and the primary pointer, so the merge is exact.
    return result.ok ? { outcome: 'ok', after: { ...before, ...changes } } : { outcome: 'conflict' };
  },
};

export const locationDeletes = {
  /** Deletes a location; `promote` (the next primary) gains the flag in the same transaction. */
  async remove(l: LocationRecord, customer: CustomerLocationState, promote: number | undefined, at: string): Promise<'ok' | 'conflict'> {
    const { tableName } = store();
    const items: TransactItem[] = [
      {
        Delete: {
          TableName: tableName,
          Key: locationKeys.location(l.tenant_id, l.customer_id, l.location_id),
          // Deleting a location that became primary since the read would leave no primary.
          ConditionExpression: 'attribute_exists(pk) AND is_primary = :wasPrimary',
          ExpressionAttributeValues: { ':wasPrimary': l.is_primary },
        },
      },
      customerUpdate(customer, -1, promote, promote !== undefined),
    ];
    if (promote !== undefined) items.push(primaryFlag(customer, promote, true, at));
    if (customer.locationCount === 1) items.push(tallyChange(customer.tenantId, 'located_customers', customer.customerId, -1));
    const result = await transactWrite(items);
    return result.ok ? 'ok' : 'conflict';
  },
};

/** A customer's location items in id order, up to `max` of them. */
function queryLocations(
  tenantId: string,
  customerId: number,
  extra: Pick<QueryCommandInput, 'ProjectionExpression' | 'ConsistentRead'>,
  onItem: (item: Record<string, unknown>) => void,
  max = Number.POSITIVE_INFINITY,
): Promise<void> {
  return queryPages(
    {
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
      ExpressionAttributeValues: { ':pk': customerKeys.collection(tenantId, customerId), ':prefix': locationKeys.prefix },
      ...extra,
    },
    onItem,
    max,
  );
}
