import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { TransactWriteCommand, type TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import { ServiceUnavailableError } from '../errors.js';
import { retryAgain, retryProfiles, withRetries } from '../retry-policy.js';
import { store } from './client.js';

type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

/** DynamoDB's limit on the items of one transaction. */
export const maxTransactItems = 100;

/**
 * Runs a transaction, retrying under the retry policy when DynamoDB cancels
 * it only because another transaction held one of its items; one that keeps
 * conflicting ends in ServiceUnavailableError (503), having written nothing.
 * Any other cancellation is returned as the index of each failed condition
 * for the caller to map.
 */
export async function transactWrite(items: TransactItem[]): Promise<{ ok: true } | { ok: false; failedConditions: number[] }> {
  return withRetries(
    retryProfiles.transactionConflict,
    async () => {
      try {
        await store().doc.send(new TransactWriteCommand({ TransactItems: items }));
        return { ok: true } as const;
      } catch (err) {
        if (!(err instanceof TransactionCanceledException)) throw err;
        const reasons = err.CancellationReasons ?? [];
        const failedConditions = reasons.flatMap((r, i) => (r.Code === 'ConditionalCheckFailed' ? [i] : []));
        if (failedConditions.length > 0) return { ok: false, failedConditions } as const;
        if (reasons.some((r) => r.Code === 'TransactionConflict')) return retryAgain;
        throw err;
      }
    },
    () => new ServiceUnavailableError(),
  );
}
