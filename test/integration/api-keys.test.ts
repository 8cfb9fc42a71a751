import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  authenticate,
  clearApiKeyCache,
  createApiKey,
  ensureApiKey,
  hashApiKey,
  listApiKeys,
  revokeApiKey,
} from '../../lib/api-keys/api-keys.js';
import type { Store } from '../../lib/store/client.js';
import { useFreshTable } from '../support/fresh-table.js';

let store: Store;
beforeAll(async () => {
  store = await useFreshTable('apikeys');
});
beforeEach(() => clearApiKeyCache());

const cacheMs = 60_000;

async function tableText(): Promise<string> {
  // Test-only Scan: reads the whole table to prove what is (not) stored.
  const out = await store.doc.send(new ScanCommand({ TableName: store.tableName }));
  return JSON.stringify(out.Items);
}

describe('API keys', () => {
  it('creates a random key and resolves it to its tenant and scopes', async () => {
    const a = await createApiKey({ tenantId: 'hooli', name: 'crm sync', scopes: ['customers:read', 'customers:write'] });
    const b = await createApiKey({ tenantId: 'hooli', name: 'crm sync', scopes: ['customers:read'] });
    expect(a.key).toMatch(/^fbk_[A-Za-z0-9_-]{43}$/);
    expect(a.key).not.toBe(b.key);
    expect(a.record).toMatchObject({ tenant_id: 'hooli', name: 'crm sync', scopes: ['customers:read', 'customers:write'], key_hash: hashApiKey(a.key) });
    expect(a.record.key_id).toBe(a.record.key_hash.slice(0, 12));
    expect(await authenticate(a.key, cacheMs)).toEqual({ tenantId: 'hooli', keyId: a.record.key_id, name: a.record.name, scopes: ['customers:read', 'customers:write'] });
    expect(await authenticate(b.key, cacheMs)).toMatchObject({ tenantId: 'hooli', scopes: ['customers:read'] });
  });

  it('stores only the SHA-256 of the key, never the key', async () => {
    const { key, record } = await createApiKey({ tenantId: 'hashed', name: 'n', scopes: ['customers:read'] });
    expect(record.key_hash).toMatch(/^[0-9a-f]{64}$/);
    const text = await tableText();
    expect(text).toContain(record.key_hash);
    expect(text).not.toContain(key);
    expect(text).not.toContain(key.slice(4));
  });

  it('refuses an unknown key', async () => {
    expect(await authenticate('fbk_not-a-real-key-at-all-000000000', cacheMs)).toBeUndefined();
  });

  it('lists keys, all or one tenant, without the key itself', async () => {
    const a = await createApiKey({ tenantId: 'lister', name: 'one', scopes: ['customers:read'] });
    await createApiKey({ tenantId: 'lister-two', name: 'two', scopes: ['customers:read'] });
    const mine = await listApiKeys('lister');
    expect(mine.map((k) => k.name)).toEqual(['one']);
    expect(mine[0]).toMatchObject({ key_id: a.record.key_id, tenant_id: 'lister', scopes: ['customers:read'] });
    expect(JSON.stringify(mine)).not.toContain(a.key);
    const all = await listApiKeys();
    expect(all.map((k) => k.tenant_id)).toEqual(expect.arrayContaining(['lister', 'lister-two', 'hooli']));
  });

  it('revokes by key id or by the key; a revoked key is refused once the cache is cleared', async () => {
    const a = await createApiKey({ tenantId: 'revoker', name: 'a', scopes: ['customers:read'] });
    const b = await createApiKey({ tenantId: 'revoker', name: 'b', scopes: ['customers:read'] });
    expect(await authenticate(a.key, cacheMs)).toBeDefined();

    const revoked = await revokeApiKey(a.record.key_id);
    expect(revoked).toMatchObject({ key_id: a.record.key_id, tenant_id: 'revoker' });
    expect(revoked!.revoked_at).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
    // A warm function trusts its cached answer until it expires…
    expect(await authenticate(a.key, cacheMs)).toBeDefined();
    // …and asks the table again afterwards.
    expect(await authenticate(a.key, cacheMs, Date.now() + cacheMs + 1)).toBeUndefined();
    clearApiKeyCache();
    expect(await authenticate(a.key, cacheMs)).toBeUndefined();

    expect(await revokeApiKey(b.key)).toMatchObject({ key_id: b.record.key_id });
    clearApiKeyCache();
    expect(await authenticate(b.key, cacheMs)).toBeUndefined();

    expect((await listApiKeys('revoker')).every((k) => k.revoked_at)).toBe(true);
    expect(await revokeApiKey('000000000000')).toBeUndefined();
  });

  it('validates tenant, scopes and chosen key values', async () => {
    await expect(createApiKey({ tenantId: 'Bad Tenant', name: 'n', scopes: ['customers:read'] })).rejects.toThrow(/tenant/);
    await expect(createApiKey({ tenantId: 'ok', name: 'n', scopes: ['customers:admin'] })).rejects.toThrow(/scopes/);
    await expect(createApiKey({ tenantId: 'ok', name: 'n', scopes: [] })).rejects.toThrow(/scopes/);
    await expect(createApiKey({ tenantId: 'ok', name: 'n', scopes: ['customers:read'], key: 'short' })).rejects.toThrow(/16/);
  });

  it('ensureApiKey is idempotent for the demo key and refuses a value owned elsewhere', async () => {
    const key = 'fbk_local-demo-key-0123456789';
    await ensureApiKey({ tenantId: 'demo', name: 'demo', scopes: ['customers:read', 'customers:write'], key });
    await ensureApiKey({ tenantId: 'demo', name: 'demo', scopes: ['customers:read', 'customers:write'], key });
    expect((await listApiKeys('demo')).length).toBe(1);
    await expect(ensureApiKey({ tenantId: 'other', name: 'x', scopes: ['customers:read'], key })).rejects.toThrow();
    expect(await authenticate(key, cacheMs)).toMatchObject({ tenantId: 'demo' });
  });
});
