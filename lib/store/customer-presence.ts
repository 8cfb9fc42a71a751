import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { batchGetItems } from './batch-get.js';
import { store } from './client.js';
import { customerKeys } from './keys/customer-keys.js';
import type { transactWrite } from './transactions.js';

type TransactItem = Parameters<typeof transactWrite>[0][number];

/**
 * Whether a customer is there for the records it owns (notes, contacts):
 * it exists and is not in the trash. A trashed customer's records are out of
 * reach until it is restored; an erased one's are gone.
 */
export const customerPresence = {
  async isLive(tenantId: string, customerId: number, consistent = false): Promise<boolean> {
    const { doc, tableName } = store();
    const out = await doc.send(
      new GetCommand({ TableName: tableName, Key: customerKeys.customer(tenantId, customerId), ConsistentRead: consistent, ProjectionExpression: 'deleted_at, customer_id' }),
    );
    return Boolean(out.Item) && !out.Item!.deleted_at;
  },
  /**
   * Whether the customer is live, and one item of its collection (its note
   * count, its contact roster), in one BatchGetItem. undefined: no such
   * customer, or trashed; an empty object: live, and the item not written yet.
   */
  async liveWith(tenantId: string, customerId: number, key: { pk: string; sk: string }, consistent = false): Promise<Record<string, unknown> | undefined> {
    const customerKey = customerKeys.customer(tenantId, customerId);
    let customer: Record<string, unknown> | undefined;
    let other: Record<string, unknown> = {};
    // Keys left unprocessed (throttling) are retried, then a 503: never a 500.
    await batchGetItems([customerKey, key], (item) => {
      if (item.sk === customerKey.sk) customer = item;
      else other = item;
    }, { ConsistentRead: consistent });
    if (!customer || customer.deleted_at) return undefined;
    return other;
  },
  /**
   * The same, as a condition inside a write transaction: a record is never
   * written for a customer that is trashed or erased meanwhile (an erasure
   * that had already swept the collection would otherwise leave it behind).
   */
  liveCheck(tenantId: string, customerId: number): TransactItem {
    return {
      ConditionCheck: {
        TableName: store().tableName,
        Key: customerKeys.customer(tenantId, customerId),
        // deleted_at is null (or absent on older items) while the customer is live: a string only in the trash.
        ConditionExpression: 'attribute_exists(pk) AND NOT attribute_type(deleted_at, :string)',
        ExpressionAttributeValues: { ':string': 'S' },
      },
    };
  },
};
