/**
 * API-key administration:
 *   npm run keys -- create --tenant <t> --name <n> --scopes customers:read[,customers:write]
 *   npm run keys -- list [--tenant <t>]
 *   npm run keys -- revoke <key-id>
 *
 * Works against the running local runtime (`npm start`), or against a
 * deployed table when TABLE_NAME is set (AWS credentials from the usual chain;
 * DYNAMODB_ENDPOINT for any other endpoint).
 */
import { parseArgs } from 'node:util';
import { createApiKey, listApiKeys, revokeApiKey } from '../api-keys/api-keys.js';
import { readStoreConfig } from '../config.js';
import { createStore, useStore } from '../store/client.js';
import { readRuntimeInfo } from '../local/runtime-file.js';

const usage = `Usage:
  npm run keys -- create --tenant <tenant> --name <name> --scopes customers:read[,customers:write]
  npm run keys -- list [--tenant <tenant>]
  npm run keys -- revoke <key-id>`;

function connect(): string {
  if (!process.env.TABLE_NAME) {
    const local = readRuntimeInfo();
    if (!local) throw new Error('No table to talk to: start the local runtime (npm start) or set TABLE_NAME (and AWS credentials) for a deployed one.');
    process.env.TABLE_NAME = local.tableName;
    process.env.DYNAMODB_ENDPOINT ??= local.endpoint;
  }
  const config = readStoreConfig();
  useStore(createStore(config));
  return `${config.tableName}${config.endpoint ? ` at ${config.endpoint}` : ''}`;
}

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  const { values, positionals } = parseArgs({
    args: rest,
    options: { tenant: { type: 'string' }, name: { type: 'string' }, scopes: { type: 'string' } },
    allowPositionals: true,
  });
  switch (command) {
    case 'create': {
      if (!values.tenant || !values.name || !values.scopes) {
        console.error(usage);
        return 2;
      }
      const where = connect();
      const { key, record } = await createApiKey({ tenantId: values.tenant, name: values.name, scopes: values.scopes.split(',').map((s) => s.trim()) });
      console.log(`Created key ${record.key_id} for tenant ${record.tenant_id} (${record.scopes.join(', ')}) in ${where}.`);
      console.log('The key is shown once; store it now:\n');
      console.log(key);
      return 0;
    }
    case 'list': {
      connect();
      const keys = await listApiKeys(values.tenant);
      if (keys.length === 0) console.log('No keys.');
      for (const k of keys) {
        console.log(
          [k.key_id, k.tenant_id.padEnd(16), k.scopes.join(',').padEnd(32), k.created_at, k.revoked_at ? `revoked ${k.revoked_at}` : 'active', k.name].join('  '),
        );
      }
      return 0;
    }
    case 'revoke': {
      const id = positionals[0];
      if (!id) {
        console.error(usage);
        return 2;
      }
      connect();
      const revoked = await revokeApiKey(id);
      if (!revoked) {
        console.error(`No key with id ${id}.`);
        return 1;
      }
      console.log(`Revoked key ${revoked.key_id} of tenant ${revoked.tenant_id}. Warm functions stop accepting it within their key cache time.`);
      return 0;
    }
    default:
      console.error(usage);
      return 2;
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  },
);
