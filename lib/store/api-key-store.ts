import { BatchGetCommand, GetCommand, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { apiKeyEntity, type ApiKeyRecord } from '../model/api-key.js';
import { store } from './client.js';
import { itemOf, recordOf } from './entity-items.js';
import { apiKeyKeys } from './keys/api-key-keys.js';
import { tableDefinition } from './table.js';

export type { ApiKeyRecord };

/** What every function's authentication reads. */
export const apiKeyLookup = {
  async byHash(keyHash: string): Promise<ApiKeyRecord | undefined> {
    const { doc, tableName } = store();
    const out = await doc.send(new GetCommand({ TableName: tableName, Key: apiKeyKeys.key(keyHash) }));
    return out.Item ? recordOf<ApiKeyRecord>(out.Item) : undefined;
  },
};

/** Key management (the admin CLI). */
export const apiKeyAdmin = {
  async put(r: ApiKeyRecord): Promise<void> {
    const { doc, tableName } = store();
    await doc.send(
      new PutCommand({
        TableName: tableName,
        Item: itemOf(apiKeyEntity, r),
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
  },
  /** All keys, or one tenant's (admin listing; the index holds keys only, then a BatchGet per 100). */
  async list(tenantId?: string): Promise<ApiKeyRecord[]> {
    const { doc, tableName } = store();
    const hashes: string[] = [];
    let start: Record<string, unknown> | undefined;
    do {
      const out = await doc.send(
        new QueryCommand({
          TableName: tableName,
          IndexName: tableDefinition.gsi1.name,
          KeyConditionExpression: tenantId ? 'gsi1pk = :pk AND begins_with(gsi1sk, :t)' : 'gsi1pk = :pk',
          ExpressionAttributeValues: { ':pk': apiKeyKeys.listingPartition, ...(tenantId ? { ':t': `${tenantId}#` } : {}) },
          ExclusiveStartKey: start,
        }),
      );
      for (const item of out.Items ?? []) hashes.push(apiKeyKeys.hashFromKey(String(item.pk)));
      start = out.LastEvaluatedKey;
    } while (start);
    const records: ApiKeyRecord[] = [];
    for (let i = 0; i < hashes.length; i += 100) {
      const out = await doc.send(
        new BatchGetCommand({ RequestItems: { [tableName]: { Keys: hashes.slice(i, i + 100).map((h) => apiKeyKeys.key(h)) } } }),
      );
      records.push(...(out.Responses?.[tableName] ?? []).map((item) => recordOf<ApiKeyRecord>(item)));
    }
    return records.sort((a, b) => a.tenant_id.localeCompare(b.tenant_id) || a.created_at.localeCompare(b.created_at));
  },
  /** Marks a key revoked; false when no key has that hash. */
  async revoke(keyHash: string, at: string): Promise<boolean> {
    const { doc, tableName } = store();
    try {
      await doc.send(
        new UpdateCommand({
          TableName: tableName,
          Key: apiKeyKeys.key(keyHash),
          UpdateExpression: 'SET revoked_at = if_not_exists(revoked_at, :at)',
          ConditionExpression: 'attribute_exists(pk)',
          ExpressionAttributeValues: { ':at': at },
        }),
      );
      return true;
    } catch (err) {
      if (err instanceof ConditionalCheckFailedException) return false;
      throw err;
    }
  },
};
