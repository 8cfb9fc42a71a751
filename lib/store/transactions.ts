import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { TransactWriteCommand, type TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import { store } from './client.js';

type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

/**
 * Runs a transaction, retrying (with jitter) when DynamoDB cancels it only
 * because another transaction held one of its items. Any other cancellation
 * is returned as the index of each failed condition for the caller to map.
 */
export async function transactWrite(items: TransactItem[]): Promise<{ ok: true } | { ok: false; failedConditions: number[] }> {
  for (let attempt = 0; ; attempt++) {
    try {
      await store().doc.send(new TransactWriteCommand({ TransactItems: items }));
      return { ok: true };
    } catch (err) {
      if (!(err instanceof TransactionCanceledException)) throw err;
      const reasons = err.CancellationReasons ?? [];
      const failedConditions = reasons.flatMap((r, i) => (r.Code === 'ConditionalCheckFailed' ? [i] : []));
      if (failedConditions.length > 0) return { ok: false, failedConditions };
      const conflicted = reasons.some((r) => r.Code === 'TransactionConflict');
      if (!conflicted || attempt >= 8) throw err;
      await new Promise((r) => setTimeout(r, Math.random() * 20 * 2 ** Math.min(attempt, 5)));
    }
  }
}
