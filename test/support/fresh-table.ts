import { randomBytes } from 'node:crypto';
import { inject } from 'vitest';
import { ensureTable } from '../../lib/store/bootstrap.js';
import { createStore, useStore, type Store } from '../../lib/store/client.js';

/**
 * Points this test file's process at a brand-new table on the shared DynamoDB
 * Local, so files never see each other's data.
 */
export async function useFreshTable(prefix = 'test'): Promise<Store> {
  const endpoint = inject('dynamoEndpoint');
  const tableName = `${prefix}-${randomBytes(4).toString('hex')}`;
  process.env.DYNAMODB_ENDPOINT = endpoint;
  process.env.TABLE_NAME = tableName;
  const store = createStore({ tableName, endpoint, region: 'us-east-1' });
  useStore(store);
  await ensureTable(store);
  return store;
}
