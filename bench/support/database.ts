import { randomBytes } from 'node:crypto';
import { ensureTable } from '../../lib/store/bootstrap.js';
import { createStore, useStore, type Store } from '../../lib/store/client.js';

/**
 * Points this process at a brand-new table on the bench's DynamoDB Local
 * (BENCH_DYNAMODB_ENDPOINT, set by bench/run.ts). TABLE_NAME and
 * DYNAMODB_ENDPOINT are set too, for anything that reads the environment.
 */
export async function useBenchTable(prefix: string): Promise<Store> {
  const endpoint = process.env.BENCH_DYNAMODB_ENDPOINT;
  if (!endpoint) throw new Error('BENCH_DYNAMODB_ENDPOINT is not set: run the bench through `npm run bench`');
  const tableName = `bench-${prefix}-${randomBytes(3).toString('hex')}`;
  process.env.DYNAMODB_ENDPOINT = endpoint;
  process.env.TABLE_NAME = tableName;
  const s = createStore({ tableName, endpoint, region: 'us-east-1' });
  useStore(s);
  await ensureTable(s);
  return s;
}
