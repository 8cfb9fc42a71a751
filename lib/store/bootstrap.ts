import { CreateTableCommand, DescribeTableCommand, ResourceNotFoundException, UpdateTimeToLiveCommand } from '@aws-sdk/client-dynamodb';
import type { Store } from './client.js';
import { createTableInput, tableDefinition } from './table.js';

/** Creates the table (from the shared definition) if it does not exist yet. Local runtime and tests only. */
export async function ensureTable(store: Store): Promise<'created' | 'exists'> {
  try {
    await store.doc.send(new DescribeTableCommand({ TableName: store.tableName }));
    return 'exists';
  } catch (err) {
    if (!(err instanceof ResourceNotFoundException)) throw err;
  }
  await store.doc.send(new CreateTableCommand(createTableInput(store.tableName)));
  for (;;) {
    const out = await store.doc.send(new DescribeTableCommand({ TableName: store.tableName }));
    if (out.Table?.TableStatus === 'ACTIVE') break;
    await new Promise((r) => setTimeout(r, 100));
  }
  await store.doc.send(
    new UpdateTimeToLiveCommand({
      TableName: store.tableName,
      TimeToLiveSpecification: { AttributeName: tableDefinition.ttlAttribute, Enabled: true },
    }),
  );
  return 'created';
}
