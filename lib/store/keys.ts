import { apiKeyEntity } from '../model/api-key.js';
import { customerEntity, emailGuardEntity, searchTermEntity, type TermNamespace } from '../model/customer.js';
import { locationEntity } from '../model/location.js';
import { keyOf, lastIdOf, partitionOf, primaryKeyOf, sortKeyPrefixOf } from './entity-items.js';

/**
 * The key builders of the single table. Entity keys are derived from the
 * declarations in lib/model (their composites) through ./entity-items.ts
 * (their string format); only the tenant's bookkeeping items, which are no
 * entity, are spelled out here. Nothing outside lib/store builds a key string.
 */

export const tenantKeys = {
  /**
   * Per-tenant counters: last ids handed out (last_customer_id, last_location_id),
   * pending and vacant customer ids.
   */
  counters: (tenantId: string) => ({ pk: `T#${tenantId}`, sk: 'COUNTERS' }),
  /**
   * Sharded tallies (e.g. customers with locations), changed inside the
   * transactions that change what they count. All shards of a tenant share one
   * partition, so a total is one small Query.
   */
  tally: (tenantId: string, name: string, shard: number) => ({
    pk: tenantKeys.tallyPartition(tenantId),
    sk: `${name}#${String(shard).padStart(2, '0')}`,
  }),
  tallyPartition: (tenantId: string) => `T#${tenantId}#TALLY`,
};

export const customerKeys = {
  /** A customer and its locations share one item collection: this is its partition key. */
  collection: (tenantId: string, customerId: number) => partitionOf(customerEntity, 'primary', { tenant_id: tenantId, customer_id: customerId }),
  customer: (tenantId: string, customerId: number) => primaryKeyOf(customerEntity, { tenant_id: tenantId, customer_id: customerId }),
  /** gsi1: customers with (1) or without (0) locations, in id order. */
  located: (tenantId: string, hasLocations: boolean, customerId: number) =>
    keyOf(customerEntity, 'gsi1', { tenant_id: tenantId, location_count: hasLocations ? 1 : 0, customer_id: customerId }) as { gsi1pk: string; gsi1sk: string },
  locatedPartition: (tenantId: string, hasLocations: boolean) =>
    partitionOf(customerEntity, 'gsi1', { tenant_id: tenantId, location_count: hasLocations ? 1 : 0 }),
  /** gsi2: customers by creation time. */
  created: (tenantId: string, createdAt: string, customerId: number) =>
    keyOf(customerEntity, 'gsi2', { tenant_id: tenantId, created_at: createdAt, customer_id: customerId }) as { gsi2pk: string; gsi2sk: string },
  createdPartition: (tenantId: string) => partitionOf(customerEntity, 'gsi2', { tenant_id: tenantId }),
  /** The id in a gsi1sk or gsi2sk value (both end with it). */
  idFromIndexSortKey: (sk: string) => lastIdOf(customerEntity, 'gsi1', 'sk', sk),
  idFromCollection: (pk: string) => lastIdOf(customerEntity, 'primary', 'pk', pk),
};

export const locationKeys = {
  location: (tenantId: string, customerId: number, locationId: number) =>
    primaryKeyOf(locationEntity, { tenant_id: tenantId, customer_id: customerId, location_id: locationId }),
  /** Every location sort key starts so; the customer item's does not. */
  prefix: sortKeyPrefixOf(locationEntity, 'primary'),
  idFromSortKey: (sk: string) => lastIdOf(locationEntity, 'primary', 'sk', sk),
};

export const emailGuardKeys = {
  guard: (tenantId: string, normalizedEmail: string) => primaryKeyOf(emailGuardEntity, { tenant_id: tenantId, email_key: normalizedEmail }),
};

export const searchTermKeys = {
  term: (tenantId: string, namespace: TermNamespace, term: string, customerId: number) =>
    primaryKeyOf(searchTermEntity, { tenant_id: tenantId, ns: namespace, value: term, customer_id: customerId }),
  /** The partition holding every term that starts as `termOrPrefix` does. */
  partition: (tenantId: string, namespace: TermNamespace, termOrPrefix: string) =>
    partitionOf(searchTermEntity, 'primary', { tenant_id: tenantId, ns: namespace, value: termOrPrefix }),
  idFromSortKey: (sk: string) => lastIdOf(searchTermEntity, 'primary', 'sk', sk),
};

export const apiKeyKeys = {
  key: (keyHash: string) => primaryKeyOf(apiKeyEntity, { key_hash: keyHash }),
  listing: (tenantId: string, createdAt: string, keyId: string) =>
    keyOf(apiKeyEntity, 'gsi1', { tenant_id: tenantId, created_at: createdAt, key_id: keyId }) as { gsi1pk: string; gsi1sk: string },
  listingPartition: partitionOf(apiKeyEntity, 'gsi1', {}),
  hashFromKey: (pk: string) => lastIdOfText(pk),
};

/** The text after the last '#' of a key (a hash). */
const lastIdOfText = (key: string) => key.slice(key.lastIndexOf('#') + 1);
