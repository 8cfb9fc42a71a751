import { randomBytes } from 'node:crypto';
import { CreateTableCommand, DescribeTableCommand } from '@aws-sdk/client-dynamodb';
import { ensureTable } from '../../lib/store/bootstrap.js';
import { createStore, useStore, type Store } from '../../lib/store/client.js';
import { createTableInput } from '../../lib/store/table.js';

/**
 * Points this process at a brand-new table on the bench's DynamoDB Local
 * (BENCH_DYNAMODB_ENDPOINT, set by bench/run.ts). TABLE_NAME and
 * DYNAMODB_ENDPOINT are set too, for anything that reads the environment.
 */
export async function useBenchTable(prefix: string, opts: { stream?: boolean } = {}): Promise<Store> {
  const endpoint = process.env.BENCH_DYNAMODB_ENDPOINT;
  if (!endpoint) throw new Error('BENCH_DYNAMODB_ENDPOINT is not set: run the bench through `npm run bench`');
  const tableName = `bench-${prefix}-${randomBytes(3).toString('hex')}`;
  process.env.DYNAMODB_ENDPOINT = endpoint;
  process.env.TABLE_NAME = tableName;
  const s = createStore({ tableName, endpoint, region: 'us-east-1' });
  useStore(s);
  if (opts.stream === false) {
    // The shared definition minus the stream: DynamoDB Local slows down on every write as stream
    // records pile up (seeding 100k customers would take far too long); reads do not touch the stream.
    const { StreamSpecification: _stream, ...input } = createTableInput(tableName);
    await s.doc.send(new CreateTableCommand(input));
    while ((await s.doc.send(new DescribeTableCommand({ TableName: tableName }))).Table?.TableStatus !== 'ACTIVE') {
      await new Promise((r) => setTimeout(r, 100));
    }
  } else {
    await ensureTable(s);
  }
  return s;
}
