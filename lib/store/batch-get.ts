import { BatchGetCommand, type BatchGetCommandOutput } from '@aws-sdk/lib-dynamodb';
import { ServiceUnavailableError } from '../errors.js';
import { retryAgain, retryProfiles, withRetries } from '../retry-policy.js';
import { store } from './client.js';

/** One BatchGetItem (≤ 100 keys), retrying unprocessed keys (503 if they stay unprocessed), each item found to `onItem`. */
export async function batchGetItems(
  keys0: Record<string, unknown>[],
  onItem: (item: Record<string, unknown>) => void,
  options: { ProjectionExpression?: string; ConsistentRead?: boolean } = {},
): Promise<void> {
  if (keys0.length === 0) return;
  const { doc, tableName } = store();
  let keys: Record<string, unknown>[] = keys0;
  await withRetries(retryProfiles.unprocessedItems, async () => {
    const out: BatchGetCommandOutput = await doc.send(new BatchGetCommand({ RequestItems: { [tableName]: { Keys: keys, ...options } } }));
    for (const item of out.Responses?.[tableName] ?? []) onItem(item);
    keys = out.UnprocessedKeys?.[tableName]?.Keys ?? [];
    return keys.length > 0 ? retryAgain : undefined;
  }, () => new ServiceUnavailableError());
}
