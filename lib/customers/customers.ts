import { DuplicateCustomerError, NotFoundError, ServiceUnavailableError } from '../errors.js';
import { retryAgain, retryProfiles, withRetries } from '../retry-policy.js';
import { termKey, type TenantCounters, customerListing, customerReads, customerCreates, customerUpdates } from '../store/customer-store.js';
import { toStoredInstant } from '../instants.js';
import {
  customerEntity,
  type CreateCustomerInput,
  type CustomerObject,
  type CustomerPatch,
  type CustomerRecord,
  type UpdateCustomerInput,
} from '../model/customer.js';
import type { ListCustomersQuery } from './list-query.js';
import { prefixesOf, searchFilterOf, termsOf } from './search-terms.js';

/** The customer object exactly as seed 000 lists its fields, in that order (the declaration's order). */
export const toCustomerObject = (c: CustomerRecord): CustomerObject => customerEntity.toApiObject(c);

const emailKeyOf = (email: string) => email.trim().toLowerCase();

function searchTermsOf(c: Pick<CustomerRecord, 'customer_name' | 'customer_email' | 'customer_phone'>): string[] {
  return termsOf({ name: c.customer_name, email: c.customer_email, phone: c.customer_phone }).map(termKey);
}

/** The stored record of a new customer (what createCustomer writes; the bench's bulk seeding writes the same). */
export function newCustomerRecord(tenantId: string, customerId: number, input: CreateCustomerInput, now = new Date()): CustomerRecord {
  const at = toStoredInstant(now);
  return customerEntity.newRecord(input, {
    tenant_id: tenantId,
    customer_id: customerId,
    created_at: at,
    updated_at: at,
    email_key: emailKeyOf(input.customer_email),
    location_count: 0,
    version: 1,
    terms: searchTermsOf(input),
  });
}

export async function createCustomer(tenantId: string, input: CreateCustomerInput, now = new Date()): Promise<CustomerObject> {
  // Cheap pre-check so that retried duplicates do not burn ids; the
  // transaction's guard item is what actually enforces uniqueness.
  if ((await customerReads.emailOwner(tenantId, emailKeyOf(input.customer_email))) !== undefined) {
    throw new DuplicateCustomerError(input.customer_email);
  }
  const created = await customerCreates.create(tenantId, (customerId) => newCustomerRecord(tenantId, customerId, input, now));
  if (created.outcome === 'duplicate_email') throw new DuplicateCustomerError(input.customer_email);
  return toCustomerObject(created.record);
}

export async function getCustomer(tenantId: string, customerId: number): Promise<CustomerRecord> {
  const c = await customerReads.get(tenantId, customerId);
  if (!c) throw new NotFoundError('Customer');
  return c;
}

/**
 * A consistent read, then one transaction conditioned on the version read;
 * a lost race re-reads and retries under the one retry policy, and a customer
 * that stays this busy answers 503 (retry later).
 */
export async function updateCustomer(
  tenantId: string,
  customerId: number,
  input: UpdateCustomerInput,
  now = () => new Date(),
): Promise<CustomerObject> {
  const patch: CustomerPatch = customerEntity.writableOf(input);
  return withRetries(retryProfiles.optimisticWrite, async () => {
    const before = await customerReads.get(tenantId, customerId, true);
    if (!before) throw new NotFoundError('Customer');
    customerEntity.assertReadOnlyUnchanged(input, before);
    const changed = (Object.keys(patch) as (keyof CustomerPatch)[]).filter(
      (k) => patch[k] !== undefined && patch[k] !== before[k],
    );
    if (changed.length === 0) return toCustomerObject(before);
    const merged = { ...before, ...Object.fromEntries(changed.map((k) => [k, patch[k]])) } as CustomerRecord;
    const after: CustomerRecord = {
      ...merged,
      email_key: emailKeyOf(merged.customer_email),
      terms: searchTermsOf(merged),
      updated_at: toStoredInstant(now()),
      version: before.version + 1,
    };
    if (after.email_key !== before.email_key) {
      const owner = await customerReads.emailOwner(tenantId, after.email_key);
      if (owner !== undefined && owner !== customerId) throw new DuplicateCustomerError(after.customer_email);
    }
    const outcome = await customerUpdates.replace(before, after);
    if (outcome === 'ok') return toCustomerObject(after);
    if (outcome === 'duplicate_email') throw new DuplicateCustomerError(after.customer_email);
    return retryAgain;
  }, () => new ServiceUnavailableError());
}

export interface CustomerPage {
  items: CustomerObject[];
  total: number;
}

/**
 * Lists customers in id order. Each query shape picks the cheapest plan:
 * - no filter: page ids computed from the id counter and its gaps → one BatchGet;
 * - has_locations only: the located index, read up to the page's end;
 * - created range (± has_locations): the created index, keys only;
 * - search (± any filter): term prefixes, reading only matching terms.
 * No plan reads the tenant's customers beyond the page and the matches.
 */
export async function listCustomers(tenantId: string, q: ListCustomersQuery): Promise<CustomerPage> {
  const offset = (q.page - 1) * q.per_page;
  const hasLocations = q.has_locations === undefined ? undefined : q.has_locations === '1';
  const search = searchFilterOf(q.search);
  if (search.kind === 'nothing') return { items: [], total: 0 };

  if (search.kind === 'words') {
    let ids = await idsMatchingAll(tenantId, search.words);
    if (q.created_after || q.created_before || hasLocations !== undefined) {
      ids = await filterByRecord(tenantId, ids, (c) =>
        (!q.created_after || c.created_at > q.created_after) &&
        (!q.created_before || c.created_at < q.created_before) &&
        (hasLocations === undefined || c.location_count > 0 === hasLocations),
      );
    }
    return pageOf(tenantId, ids, offset, q.per_page);
  }

  if (q.created_after || q.created_before) {
    const rows = await customerListing.idsByCreated(tenantId, q.created_after, q.created_before);
    const ids = rows
      .filter((r) => hasLocations === undefined || r.locationCount > 0 === hasLocations)
      .map((r) => r.id)
      .sort((a, b) => a - b);
    return pageOf(tenantId, ids, offset, q.per_page);
  }

  const { counters, gaps } = await idSpace(tenantId);
  const { lastCustomerId } = counters;
  const customerCount = lastCustomerId - gaps.length;

  if (hasLocations !== undefined) {
    const located = await customerListing.locatedCount(tenantId, counters);
    const total = hasLocations ? located : customerCount - located;
    const ids = offset < total ? await customerListing.idsByLocated(tenantId, hasLocations, offset + q.per_page) : [];
    return { items: (await customerListing.getMany(tenantId, ids.slice(offset))).map(toCustomerObject), total };
  }

  const ids = idsAtPosition(lastCustomerId, gaps, offset, q.per_page);
  return { items: (await customerListing.getMany(tenantId, ids)).map(toCustomerObject), total: customerCount };
}

/**
 * The tenant's ids 1..last and the gaps among them: ids never written
 * (vacant), and pending ids whose create has not landed (in flight, or lost
 * to a crash; one read of those few customers tells). So totals and pages are
 * exact whatever point a create crashed at. Pending ids found settled are
 * tidied up on the way.
 */
async function idSpace(tenantId: string): Promise<{ counters: TenantCounters; gaps: number[] }> {
  const counters = await customerListing.counters(tenantId);
  const pending = counters.pendingCustomerIds;
  if (pending.size === 0) return { counters, gaps: counters.vacantCustomerIds };
  const written = new Set((await customerListing.getMany(tenantId, [...pending.keys()])).map((c) => c.customer_id));
  await customerListing.settlePending(tenantId, pending, written).catch(() => undefined);
  const unwritten = [...pending.keys()].filter((id) => !written.has(id));
  const gaps = [...new Set([...counters.vacantCustomerIds, ...unwritten])].sort((a, b) => a - b);
  return { counters, gaps };
}

/**
 * The ids at positions [offset, offset+count) of 1..last without the vacant
 * ids — pure arithmetic, so page 2000 costs what page 1 costs.
 */
export function idsAtPosition(last: number, vacantSorted: number[], offset: number, count: number): number[] {
  // Smallest id x with x - |vacant ≤ x| = offset + 1: start at offset+1, move past each vacancy at or below.
  let id = offset + 1;
  for (const v of vacantSorted) {
    if (v <= id) id += 1;
    else break;
  }
  const vacant = new Set(vacantSorted);
  const ids: number[] = [];
  for (; id <= last && ids.length < count; id++) if (!vacant.has(id)) ids.push(id);
  return ids;
}

async function idsMatchingAll(tenantId: string, words: string[]): Promise<number[]> {
  let result: Set<number> | undefined;
  // Longer words tend to match fewer customers: start with them, stop when nothing is left.
  for (const word of [...words].sort((a, b) => b.length - a.length)) {
    const matches = new Set<number>();
    const sets = await Promise.all(prefixesOf(word).map((p) => customerListing.idsByTermPrefix(tenantId, p)));
    for (const s of sets) for (const id of s) if (!result || result.has(id)) matches.add(id);
    result = matches;
    if (result.size === 0) break;
  }
  return [...(result ?? [])].sort((a, b) => a - b);
}

async function filterByRecord(tenantId: string, ids: number[], keep: (c: CustomerRecord) => boolean): Promise<number[]> {
  const kept: number[] = [];
  for (let i = 0; i < ids.length; i += 100) {
    for (const c of await customerListing.getMany(tenantId, ids.slice(i, i + 100))) if (keep(c)) kept.push(c.customer_id);
  }
  return kept;
}

async function pageOf(tenantId: string, sortedIds: number[], offset: number, perPage: number): Promise<CustomerPage> {
  const pageIds = sortedIds.slice(offset, offset + perPage);
  return { items: (await customerListing.getMany(tenantId, pageIds)).map(toCustomerObject), total: sortedIds.length };
}
