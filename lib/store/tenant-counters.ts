import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { store } from './client.js';
import { markerSetClause } from './entity-items.js';
import { tenantKeys } from './keys/tenant-keys.js';

/** The entity name the counters item is marked with. */
export const countersEntityName = 'tenant_counters';

/** The numeric counters of a tenant's counters item. */
export type TenantCounter = 'last_customer_id' | 'last_location_id' | 'located_customers' | 'last_customer_number' | 'last_note_id' | 'last_contact_id';

/**
 * Atomically adds to some of the tenant's counters, in one UpdateItem, and
 * returns their new values. Always a plain UpdateItem, never part of a
 * transaction: every create of the tenant touches this item, and a
 * transaction holding it would make concurrent writes cancel each other with
 * TransactionConflict.
 */
export async function addToTenantCounters<C extends TenantCounter>(tenantId: string, deltas: Record<C, number>): Promise<Record<C, number>> {
  const { doc, tableName } = store();
  const markers = markerSetClause(countersEntityName);
  const names = Object.keys(deltas) as C[];
  const out = await doc.send(
    new UpdateCommand({
      TableName: tableName,
      Key: tenantKeys.counters(tenantId),
      UpdateExpression: `SET ${markers.clause} ADD ${names.map((_, i) => `#c${i} :d${i}`).join(', ')}`,
      ExpressionAttributeNames: Object.fromEntries(names.map((n, i) => [`#c${i}`, n])),
      ExpressionAttributeValues: { ...Object.fromEntries(names.map((n, i) => [`:d${i}`, deltas[n]])), ...markers.values },
      ReturnValues: 'UPDATED_NEW',
    }),
  );
  return Object.fromEntries(names.map((n) => [n, Number(out.Attributes![n])])) as Record<C, number>;
}

/** Atomically adds `delta` to one of the tenant's counters and returns the new value. */
export async function addToTenantCounter(tenantId: string, counter: TenantCounter, delta: number): Promise<number> {
  return (await addToTenantCounters(tenantId, { [counter]: delta } as Record<TenantCounter, number>))[counter];
}
