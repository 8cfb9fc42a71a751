import type { TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import { tagMemberEntity } from '../model/customer-index-items.js';
import { tagLimits } from '../model/tags.js';
import { store } from './client.js';
import { itemOf } from './entity-items.js';
import { customerKeys } from './keys/customer-keys.js';
import { tagMemberKeys } from './keys/customer-index-keys.js';
import { queryPages } from './query-pages.js';
import { readTagTallies, readTally, tagTallyChange, tagTallyName } from './tenant-tallies.js';
import { transactWrite } from './transactions.js';

type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

/**
 * A customer's tags in the store: a String Set on the customer item (so one
 * tag is added or removed by an atomic ADD/DELETE, racing no other tag edit),
 * one member item per tag in the tag's partition (what `?tag=` pages read),
 * and one tally per tag (what GET /tags and a tag list's total read). All
 * three move in one transaction, so counts are exact after any crash.
 * A trashed customer has no member items and counts in no tally.
 */

const memberPut = (tenantId: string, tag: string, customerId: number): TransactItem => ({
  Put: { TableName: store().tableName, Item: itemOf(tagMemberEntity, { tenant_id: tenantId, tag, customer_id: customerId }) },
});
const memberDelete = (tenantId: string, tag: string, customerId: number): TransactItem => ({
  Delete: { TableName: store().tableName, Key: tagMemberKeys.member(tenantId, tag, customerId) },
});

/**
 * The items that move a listed customer's memberships and tag tallies from
 * the `before` tags to the `after` ones: per tag gained a member Put and +1,
 * per tag lost a member Delete and −1 (two items a tag). Pass [] for a side
 * where the customer is not listed (created, trashed, restored).
 */
export function tagMembershipChanges(tenantId: string, customerId: number, before: readonly string[], after: readonly string[]): TransactItem[] {
  const had = new Set(before);
  const has = new Set(after);
  const items: TransactItem[] = [];
  for (const tag of had) if (!has.has(tag)) items.push(memberDelete(tenantId, tag, customerId), tagTallyChange(tenantId, tag, customerId, -1));
  for (const tag of has) if (!had.has(tag)) items.push(memberPut(tenantId, tag, customerId), tagTallyChange(tenantId, tag, customerId, 1));
  return items;
}

/** One tag added to or removed from one customer, without reading-modifying-writing its set. */
export const customerTagEdits = {
  /**
   * Adds `tag` in one transaction: the customer's set (conditioned on the
   * customer being there, live, without the tag and under the limit; its
   * version moves, so a full update read before this retries), its member
   * item and its tally. 'refused': a condition failed; re-read to say which.
   */
  async add(tenantId: string, customerId: number, tag: string, updatedAt: string): Promise<'ok' | 'refused'> {
    const result = await transactWrite([
      {
        Update: {
          TableName: store().tableName,
          Key: customerKeys.customer(tenantId, customerId),
          UpdateExpression: 'SET updated_at = :now ADD tags :tags, version :one',
          ConditionExpression:
            'attribute_exists(pk) AND NOT attribute_type(deleted_at, :string) AND NOT contains(tags, :tag) AND (attribute_not_exists(tags) OR size(tags) < :max)',
          ExpressionAttributeValues: { ':now': updatedAt, ':tags': new Set([tag]), ':tag': tag, ':one': 1, ':string': 'S', ':max': tagLimits.perCustomer },
        },
      },
      ...tagMembershipChanges(tenantId, customerId, [], [tag]),
    ]);
    return result.ok ? 'ok' : 'refused';
  },
  /** The reverse of `add`, conditioned on the customer being live and carrying the tag. */
  async remove(tenantId: string, customerId: number, tag: string, updatedAt: string): Promise<'ok' | 'refused'> {
    const result = await transactWrite([
      {
        Update: {
          TableName: store().tableName,
          Key: customerKeys.customer(tenantId, customerId),
          // A set emptied by DELETE disappears: the customer item then has no tags attribute, as one never tagged.
          UpdateExpression: 'SET updated_at = :now DELETE tags :tags ADD version :one',
          ConditionExpression: 'attribute_exists(pk) AND NOT attribute_type(deleted_at, :string) AND contains(tags, :tag)',
          ExpressionAttributeValues: { ':now': updatedAt, ':tags': new Set([tag]), ':tag': tag, ':one': 1, ':string': 'S' },
        },
      },
      ...tagMembershipChanges(tenantId, customerId, [tag], []),
    ]);
    return result.ok ? 'ok' : 'refused';
  },
};

/** What tag lists read. */
export const tagListing = {
  /** Ids of the listed customers carrying `tag`, in id order, the first `limit` of them: keys only, nothing past `limit`. */
  async idsWithTag(tenantId: string, tag: string, limit = Number.POSITIVE_INFINITY): Promise<number[]> {
    const ids: number[] = [];
    await queryPages(
      {
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': tagMemberKeys.partition(tenantId, tag) },
        ProjectionExpression: 'sk',
      },
      (item) => ids.push(tagMemberKeys.idFromSortKey(String(item.sk))),
      limit,
    );
    return ids;
  },
  /** How many listed customers carry `tag`: its tally, at most `tagTallyShards` tiny items. */
  count: (tenantId: string, tag: string): Promise<number> => readTally(tenantId, tagTallyName(tag)),
};

/** Every tag of the tenant with its count (GET /tags): apart from `tagListing`, so that customer lists bundle none of it. */
export const tagCounts = { all: readTagTallies };
