import { QueryCommand, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import { store } from './client.js';

/**
 * Runs a Query page after page until it is exhausted or `max` items were seen.
 * With a finite `max`, each page asks only for what is still missing, so a
 * read never goes past the end of the page the caller needs.
 */
export async function queryPages(
  input: Omit<QueryCommandInput, 'TableName' | 'ExclusiveStartKey' | 'Limit'>,
  onItem: (item: Record<string, unknown>) => void,
  max = Number.POSITIVE_INFINITY,
): Promise<void> {
  const { doc, tableName } = store();
  let seen = 0;
  let start: Record<string, unknown> | undefined;
  do {
    const out = await doc.send(
      new QueryCommand({
        ...input,
        TableName: tableName,
        ...(Number.isFinite(max) ? { Limit: Math.min(1000, max - seen) } : {}),
        ExclusiveStartKey: start,
      }),
    );
    for (const item of out.Items ?? []) {
      onItem(item);
      seen += 1;
    }
    start = out.LastEvaluatedKey;
  } while (start && seen < max);
}
