import { BatchWriteCommand, type BatchWriteCommandInput, type BatchWriteCommandOutput } from '@aws-sdk/lib-dynamodb';
import { ServiceUnavailableError } from '../errors.js';
import { retryAgain, retryProfiles, withRetries } from '../retry-policy.js';
import { store } from './client.js';

export type WriteRequest = NonNullable<BatchWriteCommandInput['RequestItems']>[string][number];

/**
 * Puts and deletes by BatchWriteItem, 25 at a time, retrying what DynamoDB
 * leaves unprocessed (503 if it stays so). No conditions and no atomicity:
 * for idempotent work (erasing a customer's items) and bulk loads.
 */
export async function batchWriteAll(all: WriteRequest[]): Promise<void> {
  const { doc, tableName } = store();
  for (let i = 0; i < all.length; i += 25) {
    let requests = all.slice(i, i + 25);
    await withRetries(retryProfiles.unprocessedItems, async () => {
      const out: BatchWriteCommandOutput = await doc.send(new BatchWriteCommand({ RequestItems: { [tableName]: requests } }));
      requests = out.UnprocessedItems?.[tableName] ?? [];
      return requests.length > 0 ? retryAgain : undefined;
    }, () => new ServiceUnavailableError());
  }
}
