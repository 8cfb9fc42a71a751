import type { CreateTableCommandInput } from '@aws-sdk/client-dynamodb';

/**
 * The one definition of the Fieldbook table: CDK (infra/), the local runtime
 * and the tests all build the table from this, so they cannot drift.
 * Key formats live in ./keys.ts; docs/data-model.md lists the access patterns.
 */
export const tableDefinition = {
  partitionKey: 'pk',
  sortKey: 'sk',
  /** Customers by "has locations" (0|1), ordered by id; also API keys by tenant. */
  gsi1: { name: 'gsi1', partitionKey: 'gsi1pk', sortKey: 'gsi1sk', projection: 'KEYS_ONLY' },
  /** Customers by created_at, keys plus location_count (filters need nothing else). */
  gsi2: {
    name: 'gsi2',
    partitionKey: 'gsi2pk',
    sortKey: 'gsi2sk',
    projection: 'INCLUDE',
    nonKeyAttributes: ['location_count'],
  },
  /** Customers by status (active|inactive), in id order, with location_count (status + has_locations needs nothing else). */
  gsi3: {
    name: 'gsi3',
    partitionKey: 'gsi3pk',
    sortKey: 'gsi3sk',
    projection: 'INCLUDE',
    nonKeyAttributes: ['location_count'],
  },
  /** TTL attribute (epoch seconds) for short-lived items. */
  ttlAttribute: 'expires_at',
} as const;

/** CreateTable input for DynamoDB Local and tests (CDK builds its own from the same constants). */
export function createTableInput(tableName: string): CreateTableCommandInput {
  const d = tableDefinition;
  const gsi = (g: typeof d.gsi1 | typeof d.gsi2 | typeof d.gsi3) => ({
    IndexName: g.name,
    KeySchema: [
      { AttributeName: g.partitionKey, KeyType: 'HASH' as const },
      { AttributeName: g.sortKey, KeyType: 'RANGE' as const },
    ],
    Projection:
      g.projection === 'INCLUDE'
        ? { ProjectionType: 'INCLUDE' as const, NonKeyAttributes: [...g.nonKeyAttributes] }
        : { ProjectionType: g.projection },
  });
  return {
    TableName: tableName,
    BillingMode: 'PAY_PER_REQUEST',
    AttributeDefinitions: [d.partitionKey, d.sortKey, d.gsi1.partitionKey, d.gsi1.sortKey, d.gsi2.partitionKey, d.gsi2.sortKey, d.gsi3.partitionKey, d.gsi3.sortKey].map(
      (AttributeName) => ({ AttributeName, AttributeType: 'S' as const }),
    ),
    KeySchema: [
      { AttributeName: d.partitionKey, KeyType: 'HASH' },
      { AttributeName: d.sortKey, KeyType: 'RANGE' },
    ],
    GlobalSecondaryIndexes: [gsi(d.gsi1), gsi(d.gsi2), gsi(d.gsi3)],
    StreamSpecification: { StreamEnabled: true, StreamViewType: 'NEW_AND_OLD_IMAGES' },
  };
}
