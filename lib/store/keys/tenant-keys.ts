/** Keys of the tenant's bookkeeping items (counters, tallies): no entity declaration, so spelled out here. */

export const tenantKeys = {
  /**
   * Per-tenant counters: last ids handed out (last_customer_id, last_location_id),
   * the assigned-number sequence, pending customer ids (and an older version's vacant ids).
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

export const gapRangePrefix = 'G#';

export const gapKeys = {
  /**
   * The customer id space's gaps, by bucket of `gapBucketSize` ids: per 100
   * buckets one range item (`G#…`: two lists of 100 counts, trashed and
   * erased), and per bucket with a gap one ids item (`I#…`: which ids). All
   * share one partition, so a list reads every count with one Query of `G#`
   * items: one item per 100,000 ids.
   */
  partition: (tenantId: string) => `T#${tenantId}#GAPS`,
  range: (tenantId: string, range: number) => ({ pk: gapKeys.partition(tenantId), sk: `${gapRangePrefix}${String(range).padStart(5, '0')}` }),
  rangeOfSortKey: (sk: string) => Number(sk.slice(2)),
  ids: (tenantId: string, bucket: number) => ({ pk: gapKeys.partition(tenantId), sk: `I#${String(bucket).padStart(7, '0')}` }),
  bucketOfSortKey: (sk: string) => Number(sk.slice(2)),
};

/**
 * Trashed customers by the time they are due to be erased, across tenants
 * (the purge sweep reads the due ones with one Query). Written and deleted
 * in the customer's own transactions.
 */
export const purgeDueKeys = {
  partition: 'PURGE_DUE',
  item: (purgeAfter: string, tenantId: string, customerId: number) => ({
    pk: purgeDueKeys.partition,
    sk: `${purgeAfter}#${tenantId}#${String(customerId).padStart(10, '0')}`,
  }),
};
