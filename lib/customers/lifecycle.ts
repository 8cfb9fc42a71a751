import { ConflictError, NotFoundError, ServiceUnavailableError } from '../errors.js';
import { toStoredInstant } from '../instants.js';
import { logger } from '../logger.js';
import type { CustomerObject, CustomerRecord, CustomerStatus } from '../model/customer.js';
import { retryAgain, retryProfiles, withRetries } from '../retry-policy.js';
import { customerPurge, customerTrash } from '../store/customer-lifecycle-store.js';
import { customerReads, customerUpdates } from '../store/customer-store.js';
import { toCustomerObject } from './customers.js';

/**
 * A customer's life after create: the trash (DELETE), restore, erasure (purge,
 * 30 days after deletion or at once on a privacy request) and bulk
 * deactivate/reactivate. Each write is conditioned on the version it read; a
 * lost race re-reads and decides again.
 */

/** How long a trashed customer can be restored before it is erased. */
export const trashRetentionDays = 30;
const dayMs = 86_400_000;

const retrying = <T>(attempt: () => Promise<T | typeof retryAgain>) =>
  withRetries(retryProfiles.optimisticWrite, attempt, () => new ServiceUnavailableError());

/** A consistent read of a customer, trashed or not; 404 when the tenant has none with this id. */
async function customerOrNotFound(tenantId: string, customerId: number): Promise<CustomerRecord> {
  const c = await customerReads.get(tenantId, customerId, true);
  if (!c) throw new NotFoundError('Customer');
  return c;
}

/** The customer as the trash keeps it: deleted at `at`, due for erasure `trashRetentionDays` later. */
export function trashedVersion(before: CustomerRecord, at: Date): CustomerRecord {
  const deletedAt = toStoredInstant(at);
  return {
    ...before,
    deleted_at: deletedAt,
    purge_after: toStoredInstant(new Date(at.getTime() + trashRetentionDays * dayMs)),
    updated_at: deletedAt,
    version: before.version + 1,
  };
}

/**
 * DELETE: moves the customer, with its locations, to the trash. It leaves
 * lists, searches and GETs (404) and is erased `trashRetentionDays` later;
 * its e-mail and number stay reserved until then. Trashing a customer already
 * in the trash answers 404, as any other request for it does.
 */
export async function trashCustomer(tenantId: string, customerId: number, now = () => new Date()): Promise<void> {
  await retrying(async () => {
    const before = await customerOrNotFound(tenantId, customerId);
    if (before.deleted_at) throw new NotFoundError('Customer');
    return (await customerTrash.trash(before, trashedVersion(before, now()))) === 'ok' ? undefined : retryAgain;
  });
}

/** POST …/restore: brings a trashed customer back intact (its locations never left), answering it. */
export async function restoreCustomer(tenantId: string, customerId: number, now = () => new Date()): Promise<CustomerObject> {
  return retrying(async () => {
    const before = await customerOrNotFound(tenantId, customerId);
    if (!before.deleted_at) throw new ConflictError('Customer is not in the trash');
    if (before.purge_started_at) throw new ConflictError('Customer is being erased and can no longer be restored');
    const { purge_after: _dropped, ...rest } = before;
    const after: CustomerRecord = { ...rest, deleted_at: null, updated_at: toStoredInstant(now()), version: before.version + 1 };
    return (await customerTrash.restore(before, after)) === 'ok' ? toCustomerObject(after) : retryAgain;
  });
}

/**
 * DELETE …?purge=1: erases a trashed customer now (a privacy erasure request).
 * A customer not in the trash is refused (409): erasure takes two deliberate steps.
 */
export async function purgeCustomer(tenantId: string, customerId: number, now = () => new Date()): Promise<void> {
  const c = await customerOrNotFound(tenantId, customerId);
  if (!c.deleted_at) throw new ConflictError('Customer must be in the trash before it can be purged: DELETE it without purge first');
  await eraseTrashed(tenantId, customerId, now);
}

/**
 * Erases a trashed customer and everything it owns: (1) marks the erasure as
 * begun (no restore from then on; its purge-due entry moves to now, so the
 * sweep finishes it if this run stops); (2) deletes its locations (and any
 * other item of its collection) in batches, however many; (3) one transaction
 * deletes the customer, its guards and its purge-due entry and counts its id
 * as erased. Every step is idempotent, so a re-run after a crash finishes it.
 */
async function eraseTrashed(tenantId: string, customerId: number, now: () => Date): Promise<'erased' | 'gone'> {
  const begun = await retrying(async () => {
    const before = await customerReads.get(tenantId, customerId, true);
    if (!before || !before.deleted_at) return undefined;
    if (before.purge_started_at) return before;
    const at = toStoredInstant(now());
    const after: CustomerRecord = {
      ...before,
      purge_started_at: at,
      purge_after: before.purge_after! < at ? before.purge_after! : at,
      version: before.version + 1,
    };
    return (await customerPurge.begin(before, after)) === 'ok' ? after : retryAgain;
  });
  if (!begun) return 'gone';
  await customerPurge.eraseOwnedItems(tenantId, customerId);
  return retrying(async () => {
    const c = await customerReads.get(tenantId, customerId, true);
    if (!c) return 'gone' as const;
    return (await customerPurge.finish(c)) === 'ok' ? ('erased' as const) : retryAgain;
  });
}

/**
 * The purge sweep (scheduled): erases every trashed customer whose time has
 * come, across tenants, at most `limit` per run, oldest first. One failure
 * does not stop the others; the next run retries it.
 */
export async function purgeDueCustomers(now = () => new Date(), limit = 100): Promise<{ erased: number; failed: number }> {
  const due = await customerPurge.due(toStoredInstant(now()), limit);
  let erased = 0;
  let failed = 0;
  for (const { tenantId, customerId } of due) {
    try {
      if ((await eraseTrashed(tenantId, customerId, now)) === 'erased') erased++;
    } catch (err) {
      failed++;
      logger.error('purge of a trashed customer failed; the next sweep retries it', { tenant_id: tenantId, customer_id: customerId, error: (err as Error).name });
    }
  }
  return { erased, failed };
}

export type StatusChangeResult = 'done' | 'already' | 'not_found';

/** How many customers of one bulk request are changed at once. */
const bulkConcurrency = 8;

/**
 * POST /customers/deactivate and /reactivate: sets the status of each
 * customer, one conditional write each (a customer is never half-changed),
 * answering per id: done, already (it had that status) or not_found (no such
 * customer, or in the trash). Ids repeated in the request are answered once.
 */
export async function setCustomerStatuses(
  tenantId: string,
  ids: readonly number[],
  status: CustomerStatus,
  now = () => new Date(),
): Promise<{ customer_id: number; result: StatusChangeResult }[]> {
  const unique = [...new Set(ids)];
  const results = new Map<number, StatusChangeResult>();
  let next = 0;
  const worker = async () => {
    while (next < unique.length) {
      const id = unique[next++]!;
      results.set(
        id,
        await retrying(async () => {
          const before = await customerReads.get(tenantId, id, true);
          if (!before || before.deleted_at) return 'not_found' as const;
          if (before.status === status) return 'already' as const;
          const after: CustomerRecord = { ...before, status, updated_at: toStoredInstant(now()), version: before.version + 1 };
          return (await customerUpdates.replace(before, after)) === 'ok' ? ('done' as const) : retryAgain;
        }),
      );
    }
  };
  await Promise.all(Array.from({ length: Math.min(bulkConcurrency, unique.length) }, worker));
  return unique.map((id) => ({ customer_id: id, result: results.get(id)! }));
}
