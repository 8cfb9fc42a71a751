import type { TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import { store } from './client.js';
import { markerSetClause } from './entity-items.js';
import { tenantKeys } from './keys/tenant-keys.js';
import { queryPages } from './query-pages.js';

type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

/** What a tally counts. */
export type TallyName = 'located_customers' | 'inactive_customers';

/**
 * Shards per tally. A tally changes inside the transaction that changes what
 * it counts, so it is exact after any crash; spreading it over shards keeps
 * concurrent transactions of one tenant from colliding on one hot item
 * (TransactionConflict). Two writes conflict only when their subjects share a
 * shard (id mod 16) and they run at the same moment.
 */
export const tallyShards = 16;

/** The transaction item that moves a tally by `delta`, on the shard of `subjectId`. */
export function tallyChange(tenantId: string, name: TallyName, subjectId: number, delta: 1 | -1): TransactItem {
  const markers = markerSetClause('tally');
  return {
    Update: {
      TableName: store().tableName,
      Key: tenantKeys.tally(tenantId, name, subjectId % tallyShards),
      UpdateExpression: `SET ${markers.clause} ADD #n :delta`,
      ExpressionAttributeNames: { '#n': 'n' },
      ExpressionAttributeValues: { ':delta': delta, ...markers.values },
    },
  };
}

/** The tally's value: the sum of its shards (one Query of at most `tallyShards` tiny items). */
export async function readTally(tenantId: string, name: TallyName): Promise<number> {
  let total = 0;
  await queryPages(
    {
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :name)',
      ExpressionAttributeValues: { ':pk': tenantKeys.tallyPartition(tenantId), ':name': `${name}#` },
    },
    (item) => {
      total += Number(item.n ?? 0);
    },
  );
  return total;
}
