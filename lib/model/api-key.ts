import { defineEntity, field, type RecordOf } from './entity.js';

/**
 * An API key: who holds it (tenant), what it may do (scopes) and whether it
 * was revoked. Managed by the admin CLI only, so it has no API object; the
 * key itself is never stored, only its SHA-256.
 */
export const apiKeyEntity = defineEntity({
  name: 'api_key',
  version: 1,
  fields: {
    /** SHA-256 (hex) of the key. */
    key_hash: field.internal<string>(),
    /** Short public handle (first 12 hex of the hash) for listing and revoking. */
    key_id: field.internal<string>(),
    tenant_id: field.internal<string>(),
    name: field.internal<string>(),
    scopes: field.internal<string[]>(),
    created_at: field.internal<string>(),
    revoked_at: field.internalOptional<string>(),
  },
  keys: {
    /** Looked up by the hash of the presented key. */
    primary: { pk: ['APIKEY', { field: 'key_hash' }], sk: ['APIKEY'] },
    /** All keys, grouped by tenant then creation time, for the admin CLI. */
    gsi1: { pk: ['APIKEYS'], sk: [{ field: 'tenant_id' }, { field: 'created_at' }, { field: 'key_id' }] },
  },
});

export type ApiKeyRecord = RecordOf<typeof apiKeyEntity.fields>;
