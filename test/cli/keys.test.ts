import { execFile } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clearApiKeyCache } from '../../lib/api-keys/api-keys.js';
import { readRuntimeInfo } from '../../lib/local/runtime-file.js';
import { startLocalServer, type LocalServer } from '../../lib/local/server.js';
import type { Store } from '../../lib/store/client.js';
import { useFreshTable } from '../support/fresh-table.js';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const tsxCli = path.join(path.dirname(createRequire(import.meta.url).resolve('tsx/package.json')), 'dist', 'cli.mjs');

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs a TypeScript entry point the way `npm run …` does (tsx on this Node), with exactly the given environment. */
function runTs(script: string, args: string[], env: NodeJS.ProcessEnv): Promise<Run> {
  return new Promise((resolve) => {
    execFile(process.execPath, [tsxCli, script, ...args], { cwd: repoRoot, env, timeout: 60_000 }, (err, stdout, stderr) => {
      const code = err ? (typeof err.code === 'number' ? err.code : -1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

let store: Store;
let server: LocalServer;
let env: NodeJS.ProcessEnv;
beforeAll(async () => {
  store = await useFreshTable('cli');
  server = await startLocalServer({ port: 0 });
  env = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    TABLE_NAME: store.tableName,
    DYNAMODB_ENDPOINT: process.env.DYNAMODB_ENDPOINT,
    AWS_REGION: 'us-east-1',
    LOG_LEVEL: 'SILENT',
  };
});
afterAll(() => server?.close());

const keys = (...args: string[]) => runTs('lib/cli/keys.ts', args, env);
const get = async (key: string) => (await fetch(`${server.url}/api/v1/customers`, { headers: { 'x-api-key': key } })).status;

// Each case starts a fresh Node + tsx process: slow on a busy machine, hence the generous timeout.
describe('npm run keys', { timeout: 120_000 }, () => {
  let key: string;
  let keyId: string;

  it('create prints a new key once, and the key works against the API', async () => {
    const out = await keys('create', '--tenant', 'cli-tenant', '--name', 'crm sync', '--scopes', 'customers:read,customers:write');
    expect(out.code).toBe(0);
    const lines = out.stdout.trim().split('\n');
    key = lines.at(-1)!.trim();
    expect(key).toMatch(/^fbk_[A-Za-z0-9_-]{43}$/);
    keyId = /Created key ([0-9a-f]{12}) for tenant cli-tenant/.exec(out.stdout)?.[1] ?? '';
    expect(keyId).toHaveLength(12);
    expect(out.stdout).toContain(store.tableName);
    expect(await get(key)).toBe(200);
    const created = await fetch(`${server.url}/api/v1/customers`, {
      method: 'POST',
      headers: { 'x-api-key': key, 'content-type': 'application/json' },
      body: JSON.stringify({ customer_name: 'CLI Co', customer_email: 'cli@co.example', customer_phone: '+15551112222', default_sla_hours: 1 }),
    });
    expect(created.status).toBe(201);
  });

  it('a read-only key made by the CLI cannot write', async () => {
    const out = await keys('create', '--tenant', 'cli-tenant', '--name', 'reporting', '--scopes', 'customers:read');
    expect(out.code).toBe(0);
    const ro = out.stdout.trim().split('\n').at(-1)!.trim();
    expect(await get(ro)).toBe(200);
    const post = await fetch(`${server.url}/api/v1/customers`, { method: 'POST', headers: { 'x-api-key': ro, 'content-type': 'application/json' }, body: '{}' });
    expect(post.status).toBe(403);
  });

  it('list shows the keys of a tenant, active, without the key itself', async () => {
    const out = await keys('list', '--tenant', 'cli-tenant');
    expect(out.code).toBe(0);
    const line = out.stdout.split('\n').find((l) => l.startsWith(keyId));
    expect(line).toBeDefined();
    expect(line).toMatch(/cli-tenant\s+customers:read,customers:write\s+\d{4}-\d{2}-\d{2}T\S+Z\s+active\s+crm sync/);
    expect(out.stdout).toContain('reporting');
    expect(out.stdout).not.toContain(key);
    expect((await keys('list', '--tenant', 'nobody-here')).stdout.trim()).toBe('No keys.');
  });

  it('revoke makes the key 401 once the warm cache is gone', async () => {
    const out = await keys('revoke', keyId);
    expect(out.code).toBe(0);
    expect(out.stdout).toContain(`Revoked key ${keyId} of tenant cli-tenant`);
    clearApiKeyCache();
    expect(await get(key)).toBe(401);
    expect((await keys('list', '--tenant', 'cli-tenant')).stdout.split('\n').find((l) => l.startsWith(keyId))).toMatch(/revoked \d{4}-/);
  });

  it('fails clearly: unknown key id 1, missing arguments 2 with usage, bad scope 1 without a stack trace', async () => {
    const [unknown, missing, none, badScope] = await Promise.all([
      keys('revoke', 'ffffffffffff'),
      keys('create', '--tenant', 'x'),
      keys(),
      keys('create', '--tenant', 'cli-tenant', '--name', 'n', '--scopes', 'customers:admin'),
    ]);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('No key with id ffffffffffff');
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('Usage:');
    expect(none.code).toBe(2);
    expect(badScope.code).toBe(1);
    expect(badScope.stderr).toContain('scopes must be among customers:read, customers:write');
    expect(badScope.stderr).not.toMatch(/\n\s+at /);
  });

  // A developer's own `npm start` on this machine would (rightly) be found instead.
  it.skipIf(readRuntimeInfo() !== undefined)('without TABLE_NAME and no running local runtime it says what to do', async () => {
    const out = await runTs('lib/cli/keys.ts', ['list'], { PATH: env.PATH, HOME: env.HOME });
    expect(out.code).toBe(1);
    expect(out.stderr).toContain('start the local runtime (npm start) or set TABLE_NAME');
  });
});

describe('npm start without Java', { timeout: 120_000 }, () => {
  let bin: string;
  beforeAll(() => {
    // A PATH with node (to run tsx) and nothing else: no java.
    bin = mkdtempSync(path.join(tmpdir(), 'fieldbook-nojava-'));
    symlinkSync(process.execPath, path.join(bin, 'node'));
  });
  afterAll(() => rmSync(bin, { recursive: true, force: true }));

  const start = (extraEnv: NodeJS.ProcessEnv = {}) =>
    runTs('lib/local/start.ts', [], { PATH: bin, HOME: process.env.HOME, FIELDBOOK_IN_MEMORY: '1', PORT: '0', ...extraEnv });

  it('explains how to install Java and exits 1, without a stack trace', async () => {
    const out = await start();
    expect(out.code).toBe(1);
    expect(out.stderr).toContain('DynamoDB Local needs Java 17 or newer, and no `java` command was found on the PATH.');
    expect(out.stderr).toContain('sudo apt-get install -y openjdk-17-jre-headless');
    expect(out.stderr).toContain('brew install openjdk@17');
    expect(out.stderr).toContain('DYNAMODB_ENDPOINT=');
    expect(out.stderr).not.toMatch(/\n\s+at |Error:/);
  });

  it('names the version when the Java on the PATH is too old', async () => {
    const java = path.join(bin, 'java');
    writeFileSync(java, '#!/bin/sh\necho \'openjdk version "11.0.22" 2024-01-16\' >&2\n');
    chmodSync(java, 0o755);
    try {
      const out = await start();
      expect(out.code).toBe(1);
      expect(out.stderr).toContain('the installed Java is version 11');
      expect(out.stderr).not.toMatch(/\n\s+at /);
    } finally {
      rmSync(java);
    }
  });
});
