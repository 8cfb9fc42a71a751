import { apiKeyEntity } from '../../model/api-key.js';
import { keyOf, lastPartOf, partitionOf, primaryKeyOf } from '../entity-items.js';

/** Keys of an API key, derived from its declaration (lib/model/api-key.ts). */

export const apiKeyKeys = {
  key: (keyHash: string) => primaryKeyOf(apiKeyEntity, { key_hash: keyHash }),
  listing: (tenantId: string, createdAt: string, keyId: string) =>
    keyOf(apiKeyEntity, 'gsi1', { tenant_id: tenantId, created_at: createdAt, key_id: keyId }) as { gsi1pk: string; gsi1sk: string },
  listingPartition: partitionOf(apiKeyEntity, 'gsi1', {}),
  hashFromKey: (pk: string) => lastPartOf(apiKeyEntity, 'primary', 'pk', pk),
};
