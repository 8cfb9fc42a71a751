/** Keys of the tenant's bookkeeping items (counters, tallies): no entity declaration, so spelled out here. */

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
