/**
 * Every key format of the single table, in one place (ElectroDB-style entity
 * prefixes). Nothing outside lib/store builds a key string.
 *
 * Numeric ids are zero-padded to 10 digits wherever they sort, so that string
 * order equals numeric order.
 */
const pad = (n: number) => String(n).padStart(10, '0');

export const tenantKeys = {
  /**
   * Per-tenant counters: last ids handed out (last_customer_id, last_location_id),
   * burned ids, located-customer count.
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
  /** A customer and its locations share one item collection. */
  collection: (tenantId: string, customerId: number) => `T#${tenantId}#C#${customerId}`,
  customer: (tenantId: string, customerId: number) => ({
    pk: customerKeys.collection(tenantId, customerId),
    sk: 'CUSTOMER',
  }),
  /** gsi1: customers with (1) or without (0) locations, in id order. */
  located: (tenantId: string, hasLocations: boolean, customerId: number) => ({
    gsi1pk: customerKeys.locatedPartition(tenantId, hasLocations),
    gsi1sk: pad(customerId),
  }),
  locatedPartition: (tenantId: string, hasLocations: boolean) => `T#${tenantId}#LOCATED#${hasLocations ? 1 : 0}`,
  /** gsi2: customers by creation time. */
  created: (tenantId: string, createdAt: string, customerId: number) => ({
    gsi2pk: customerKeys.createdPartition(tenantId),
    gsi2sk: `${createdAt}#${pad(customerId)}`,
  }),
  createdPartition: (tenantId: string) => `T#${tenantId}#CREATED`,
  /** Parses the id out of a gsi1sk or gsi2sk value. */
  idFromIndexSortKey: (sk: string) => Number(sk.slice(-10)),
  idFromCollection: (pk: string) => Number(pk.slice(pk.lastIndexOf('#') + 1)),
};

export const locationKeys = {
  location: (tenantId: string, customerId: number, locationId: number) => ({
    pk: customerKeys.collection(tenantId, customerId),
    sk: `${locationKeys.prefix}${pad(locationId)}`,
  }),
  prefix: 'LOCATION#',
  /** Parses the id out of a location's sort key. */
  idFromSortKey: (sk: string) => Number(sk.slice(-10)),
};

/** Uniqueness guard: one item per (tenant, normalized e-mail), written in the same transaction as the customer. */
export const emailGuardKeys = {
  guard: (tenantId: string, normalizedEmail: string) => ({ pk: `T#${tenantId}#EMAIL#${normalizedEmail}`, sk: 'EMAIL' }),
};

/**
 * Search terms: one small item per (term, customer). Partitioned by tenant and
 * the term's first character, so a prefix query touches one partition and
 * reads only matching terms.
 */
export const searchTermKeys = {
  term: (tenantId: string, namespace: string, term: string, customerId: number) => ({
    pk: searchTermKeys.partition(tenantId, namespace, term),
    sk: `${term}#${pad(customerId)}`,
  }),
  partition: (tenantId: string, namespace: string, termOrPrefix: string) =>
    `T#${tenantId}#TERM#${namespace}#${[...termOrPrefix][0] ?? ''}`,
  idFromSortKey: (sk: string) => Number(sk.slice(-10)),
};

export const apiKeyKeys = {
  /** Looked up by the SHA-256 of the presented key; the key itself is never stored. */
  key: (keyHash: string) => ({ pk: `APIKEY#${keyHash}`, sk: 'APIKEY' }),
  /** gsi1: all keys, grouped by tenant then creation time, for the admin CLI. */
  listing: (tenantId: string, createdAt: string, keyId: string) => ({
    gsi1pk: apiKeyKeys.listingPartition,
    gsi1sk: `${tenantId}#${createdAt}#${keyId}`,
  }),
  listingPartition: 'APIKEYS',
};
