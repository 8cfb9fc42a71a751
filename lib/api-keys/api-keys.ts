import { createHash, randomBytes } from 'node:crypto';
import { toStoredInstant } from '../instants.js';
import { type ApiKeyRecord, apiKeyAdmin, apiKeyLookup } from '../store/api-key-store.js';

export const scopes = ['customers:read', 'customers:write'] as const;
export type Scope = (typeof scopes)[number];

export interface Principal {
  tenantId: string;
  keyId: string;
  /** The key's name (what a note's author shows). */
  name: string;
  scopes: readonly string[];
}

export const hashApiKey = (key: string) => createHash('sha256').update(key, 'utf8').digest('hex');

/** 32 random bytes, URL-safe, with a prefix that secret scanners can recognise. */
export const generateApiKey = () => `fbk_${randomBytes(32).toString('base64url')}`;

const tenantIdPattern = /^[a-z0-9][a-z0-9-]{0,62}$/;

export async function createApiKey(opts: {
  tenantId: string;
  name: string;
  scopes: string[];
  /** A chosen key value (the local demo key); normally generated. */
  key?: string;
  now?: Date;
}): Promise<{ key: string; record: ApiKeyRecord }> {
  if (!tenantIdPattern.test(opts.tenantId)) throw new Error('tenant must be lowercase letters, digits and dashes (max 63)');
  const unknown = opts.scopes.filter((s) => !(scopes as readonly string[]).includes(s));
  if (unknown.length || opts.scopes.length === 0) throw new Error(`scopes must be among ${scopes.join(', ')}`);
  const key = opts.key ?? generateApiKey();
  if (key.length < 16) throw new Error('an API key must be at least 16 characters');
  const keyHash = hashApiKey(key);
  const record: ApiKeyRecord = {
    key_hash: keyHash,
    key_id: keyHash.slice(0, 12),
    tenant_id: opts.tenantId,
    name: opts.name,
    scopes: [...new Set(opts.scopes)],
    created_at: toStoredInstant(opts.now ?? new Date()),
  };
  await apiKeyAdmin.put(record);
  return { key, record };
}

/** Ensures a key with this exact value exists (idempotent; used for the local demo key). */
export async function ensureApiKey(opts: { tenantId: string; name: string; scopes: string[]; key: string }): Promise<void> {
  const existing = await apiKeyLookup.byHash(hashApiKey(opts.key));
  if (existing && !existing.revoked_at && existing.tenant_id === opts.tenantId) return;
  if (existing) throw new Error('that key value is already in use by another tenant or was revoked');
  await createApiKey(opts);
}

export async function listApiKeys(tenantId?: string): Promise<ApiKeyRecord[]> {
  return apiKeyAdmin.list(tenantId);
}

/** Revokes by key id (the listed 12-character handle) or by the key itself. */
export async function revokeApiKey(keyIdOrKey: string): Promise<ApiKeyRecord | undefined> {
  const all = await apiKeyAdmin.list();
  const match = all.find((r) => r.key_id === keyIdOrKey || r.key_hash === hashApiKey(keyIdOrKey));
  if (!match) return undefined;
  await apiKeyAdmin.revoke(match.key_hash, toStoredInstant(new Date()));
  return { ...match, revoked_at: match.revoked_at ?? toStoredInstant(new Date()) };
}

interface CacheEntry {
  principal: Principal | undefined;
  expires: number;
}
const cache = new Map<string, CacheEntry>();
const maxCacheEntries = 1000;

/**
 * Resolves a presented key to its tenant and scopes, or undefined for an
 * unknown or revoked key. A warm function trusts its answer for `cacheMs`,
 * so a revocation takes effect within that time.
 */
export async function authenticate(key: string, cacheMs: number, now = Date.now()): Promise<Principal | undefined> {
  const keyHash = hashApiKey(key);
  const hit = cache.get(keyHash);
  if (hit && hit.expires > now) return hit.principal;
  const record = await apiKeyLookup.byHash(keyHash);
  const principal =
    record && !record.revoked_at ? { tenantId: record.tenant_id, keyId: record.key_id, name: record.name, scopes: record.scopes } : undefined;
  if (cache.size >= maxCacheEntries) cache.delete(cache.keys().next().value!);
  cache.set(keyHash, { principal, expires: now + cacheMs });
  return principal;
}

export function clearApiKeyCache(): void {
  cache.clear();
}
