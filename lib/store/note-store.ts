import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { noteEntity, type NoteRecord } from '../model/note.js';
import { batchGetItems } from './batch-get.js';
import { store } from './client.js';
import { customerPresence } from './customer-presence.js';
import { itemOf, keyOf, markerSetClause, recordOf } from './entity-items.js';
import { noteKeys } from './keys/note-keys.js';
import { queryPages } from './query-pages.js';
import { setClause } from './set-clause.js';
import { addToTenantCounter } from './tenant-counters.js';
import { tableDefinition } from './table.js';
import { transactWrite } from './transactions.js';

type TransactItem = Parameters<typeof transactWrite>[0][number];

export type { NoteRecord };

/** The fields of a note an update may change. */
export type NoteChanges = Partial<Pick<NoteRecord, 'body' | 'pinned' | 'updated_at'>>;

const noteItem = (n: NoteRecord) => itemOf(noteEntity, n);
const countEntityName = 'note_count';

/** ADD note_count ±1 on the customer's count item (created by the first note). */
function countChange(tenantId: string, customerId: number, delta: 1 | -1): TransactItem {
  const markers = markerSetClause(countEntityName);
  return {
    Update: {
      TableName: store().tableName,
      Key: noteKeys.count(tenantId, customerId),
      UpdateExpression: `SET ${markers.clause} ADD note_count :d`,
      ExpressionAttributeValues: { ...markers.values, ':d': delta },
    },
  };
}

export const noteReads = {
  async get(tenantId: string, customerId: number, noteId: number, consistent = false): Promise<NoteRecord | undefined> {
    const { doc, tableName } = store();
    const out = await doc.send(new GetCommand({ TableName: tableName, Key: noteKeys.note(tenantId, customerId, noteId), ConsistentRead: consistent }));
    return out.Item ? recordOf<NoteRecord>(out.Item) : undefined;
  },
  /** How many notes the customer has; undefined: no such customer, or trashed (both read in one BatchGetItem). */
  async customerNoteCount(tenantId: string, customerId: number): Promise<number | undefined> {
    const count = await customerPresence.liveWith(tenantId, customerId, noteKeys.count(tenantId, customerId));
    return count && Number(count.note_count ?? 0);
  },
  /**
   * Positions [offset, offset+limit) of a customer's notes in list order
   * (pinned first, newest first): the list index read backwards, keys only,
   * up to the page's end, then the page's notes in one BatchGetItem.
   */
  async page(tenantId: string, customerId: number, offset: number, limit: number): Promise<NoteRecord[]> {
    const g = tableDefinition.gsi1;
    const ids: number[] = [];
    await queryPages(
      {
        IndexName: g.name,
        KeyConditionExpression: `${g.partitionKey} = :pk`,
        ExpressionAttributeValues: { ':pk': noteKeys.listPartition(tenantId, customerId) },
        ScanIndexForward: false,
      },
      (item) => ids.push(noteKeys.idFromListSortKey(String(item[g.sortKey]))),
      offset + limit,
    );
    const pageIds = ids.slice(offset, offset + limit);
    const found = new Map<number, NoteRecord>();
    await batchGetItems(
      pageIds.map((id) => noteKeys.note(tenantId, customerId, id)),
      (item) => {
        const n = recordOf<NoteRecord>(item);
        found.set(n.note_id, n);
      },
    );
    // A note deleted between the two reads is left out, not shown half.
    return pageIds.flatMap((id) => found.get(id) ?? []);
  },
};

export const noteWrites = {
  /** Per-tenant note ids (the same counters item as customer and location ids). */
  allocateId: (tenantId: string): Promise<number> => addToTenantCounter(tenantId, 'last_note_id', 1),
  /** The note, its customer's count +1, in one transaction conditioned on the customer being live. */
  async insert(n: NoteRecord): Promise<'ok' | 'no_customer'> {
    const result = await transactWrite([
      { Put: { TableName: store().tableName, Item: noteItem(n), ConditionExpression: 'attribute_not_exists(pk)' } },
      countChange(n.tenant_id, n.customer_id, 1),
      customerPresence.liveCheck(n.tenant_id, n.customer_id),
    ]);
    if (result.ok) return 'ok';
    // The id came from the tenant's counter; an item already there is a bug (a 500), not contention.
    if (result.failedConditions.includes(0)) throw new Error(`note id ${n.note_id} of tenant ${n.tenant_id} already in use`);
    return 'no_customer';
  },
  /**
   * Applies `changes` in one conditional UpdateItem (a pin moves its list
   * key with it). 'gone': deleted meanwhile.
   */
  async update(before: NoteRecord, changes: NoteChanges): Promise<NoteRecord | 'gone'> {
    const values: Record<string, unknown> = { ...changes };
    if (changes.pinned !== undefined) Object.assign(values, keyOf(noteEntity, 'gsi1', { ...before, ...changes }));
    const { parts, names, vals } = setClause(values, 'f');
    try {
      const out = await store().doc.send(
        new UpdateCommand({
          TableName: store().tableName,
          Key: noteKeys.note(before.tenant_id, before.customer_id, before.note_id),
          UpdateExpression: `SET ${parts.join(', ')}`,
          ConditionExpression: 'attribute_exists(pk)',
          ExpressionAttributeNames: names,
          ExpressionAttributeValues: vals,
          ReturnValues: 'ALL_NEW',
        }),
      );
      return recordOf<NoteRecord>(out.Attributes!);
    } catch (err) {
      if (err instanceof ConditionalCheckFailedException) return 'gone';
      throw err;
    }
  },
  /** The note and its customer's count −1, in one transaction. */
  async remove(tenantId: string, customerId: number, noteId: number): Promise<'ok' | 'gone' | 'no_customer'> {
    const result = await transactWrite([
      { Delete: { TableName: store().tableName, Key: noteKeys.note(tenantId, customerId, noteId), ConditionExpression: 'attribute_exists(pk)' } },
      countChange(tenantId, customerId, -1),
      customerPresence.liveCheck(tenantId, customerId),
    ]);
    if (result.ok) return 'ok';
    return result.failedConditions.includes(2) ? 'no_customer' : 'gone';
  },
};
