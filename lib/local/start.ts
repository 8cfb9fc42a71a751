/**
 * `npm start`: DynamoDB Local + the table + a demo tenant and key + the API
 * on http://localhost:3000, through the same handlers the Lambdas run.
 *
 *   PORT                 API port (3000)
 *   DEV_API_KEY          value of the demo tenant's read-write key (else one is generated and kept in .data/)
 *   DYNAMODB_ENDPOINT    use this DynamoDB instead of starting DynamoDB Local
 *   TABLE_NAME           table name (fieldbook)
 *   FIELDBOOK_IN_MEMORY  1 = throwaway database (also: npm start -- --in-memory)
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ensureApiKey, generateApiKey } from '../api-keys/api-keys.js';
import { readStoreConfig } from '../config.js';
import { ensureTable } from '../store/bootstrap.js';
import { createStore, useStore } from '../store/client.js';
import { JavaMissingError, startDynamoDbLocal, type DynamoDbLocal } from './dynamodb-local.js';
import { clearRuntimeInfo, localDataDir, writeRuntimeInfo } from './runtime-file.js';
import { startLocalServer } from './server.js';
import { localExtras } from './extras.js';

const demoTenant = 'demo';

function demoKey(inMemory: boolean): string {
  if (process.env.DEV_API_KEY) return process.env.DEV_API_KEY;
  const file = path.join(localDataDir, 'dev-api-key');
  if (!inMemory && existsSync(file)) return readFileSync(file, 'utf8').trim();
  const key = generateApiKey();
  if (!inMemory) {
    mkdirSync(localDataDir, { recursive: true });
    writeFileSync(file, `${key}\n`, { mode: 0o600 });
  }
  return key;
}

async function main(): Promise<void> {
  const inMemory = process.argv.includes('--in-memory') || process.env.FIELDBOOK_IN_MEMORY === '1';
  let dynamo: DynamoDbLocal | undefined;
  const stops: (() => Promise<void>)[] = [];
  let stopping = false;
  const shutdown = async (code = 0) => {
    if (stopping) return;
    stopping = true;
    console.log('\nStopping Fieldbook…');
    for (const stop of stops.reverse()) await stop().catch(() => undefined);
    clearRuntimeInfo();
    process.exit(code);
  };
  process.on('SIGINT', () => void shutdown());
  process.on('SIGTERM', () => void shutdown());

  let endpoint = process.env.DYNAMODB_ENDPOINT;
  if (!endpoint) {
    dynamo = await startDynamoDbLocal({ port: Number(process.env.DYNAMODB_LOCAL_PORT ?? 8000), dataDir: inMemory ? undefined : path.join(localDataDir, 'dynamodb') });
    stops.push(() => dynamo!.stop());
    endpoint = dynamo.endpoint;
  }
  process.env.DYNAMODB_ENDPOINT = endpoint;
  process.env.TABLE_NAME ??= 'fieldbook';
  const store = createStore(readStoreConfig());
  useStore(store);
  await ensureTable(store);

  const key = demoKey(inMemory);
  await ensureApiKey({ tenantId: demoTenant, name: 'local demo key', scopes: ['customers:read', 'customers:write'], key });

  const port = Number(process.env.PORT ?? 3000);
  const extras = await localExtras();
  stops.push(...extras.stops);
  const server = await startLocalServer({ port, host: process.env.HOST ?? '127.0.0.1', extraRoutes: extras.routes });
  stops.unshift(() => server.close());
  writeRuntimeInfo({ endpoint, tableName: store.tableName, apiUrl: server.url, pid: process.pid });

  console.log(
    [
      '',
      `Fieldbook is running on ${server.url}`,
      `  DynamoDB:  ${endpoint} (table ${store.tableName}${dynamo ? (inMemory ? ', in memory' : `, data in ${path.relative(process.cwd(), localDataDir)}/dynamodb`) : ''})`,
      `  Tenant:    ${demoTenant}`,
      `  API key:   ${key}   (customers:read, customers:write)`,
      ...extras.banner,
      '',
      'Try it:',
      `  curl -H "X-API-Key: ${key}" "${server.url}/api/v1/customers"`,
      '',
      'Ctrl-C stops everything.',
    ].join('\n'),
  );
}

main().catch((err) => {
  if (err instanceof JavaMissingError) {
    console.error(`\n${err.message}\n`);
  } else {
    console.error('Fieldbook failed to start:', err instanceof Error ? err.message : err);
  }
  process.exit(1);
});
