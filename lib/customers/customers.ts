import { DuplicateCustomerError, DuplicateCustomerNumberError, NotFoundError, ServiceUnavailableError, ValidationError } from '../errors.js';
import { retryAgain, retryProfiles, withRetries } from '../retry-policy.js';
import { termKey, customerListing, customerReads, customerCreates, customerUpdates } from '../store/customer-store.js';
import { bucketOf, gapBucketSize, readGapCounts, readGapIds } from '../store/customer-gaps.js';
import { toStoredInstant } from '../instants.js';
import {
  customerEntity,
  type CreateCustomerInput,
  type CustomerObject,
  type CustomerPatch,
  type CustomerRecord,
  type NewCustomerInput,
  type UpdateCustomerInput,
} from '../model/customer.js';
import { withDefaults } from '../model/entity.js';
import { bucketsForPage, idsForPage, listedCount, type IdSpace } from './id-positions.js';
import type { ListCustomersQuery } from './list-query.js';
import { prefixesOf, searchFilterOf, termsOf } from './search-terms.js';
import { tagListing } from '../store/customer-tags.js';
import { tagSetOf } from '../model/tags.js';

/** The customer object: seed 000's fields in its order, then the richer ones (the declaration's order). */
export const toCustomerObject = (c: CustomerRecord): CustomerObject => customerEntity.toApiObject(c);

const emailKeyOf = (email: string) => email.trim().toLowerCase();
/** customer_number is unique case-insensitively: its guard is keyed by the lowercased number. */
export const numberKeyOf = (customerNumber: string) => customerNumber.trim().toLowerCase();

/** Assigned numbers: C-10001, C-10002, … from a per-tenant sequence. */
const assignedNumberBase = 10_000;
const assignedNumberOf = (sequence: number) => `C-${assignedNumberBase + sequence}`;
/** The sequence value a given number would take if it had been assigned (C-10042 → 42), so assignments can move past it. */
const sequenceOfNumber = (customerNumber: string) => {
  const m = /^C-(\d{5,12})$/i.exec(customerNumber);
  return m ? Number(m[1]) - assignedNumberBase : undefined;
};

type Indexed = Pick<
  CustomerRecord,
  'customer_name' | 'customer_email' | 'customer_phone' | 'customer_number' | 'company_name' | 'first_name' | 'last_name' | 'phones' | 'emails'
>;

function searchTermsOf(c: Indexed): string[] {
  return termsOf({
    name: c.customer_name,
    email: c.customer_email,
    phone: c.customer_phone,
    customerNumber: c.customer_number,
    otherNames: [c.company_name, c.first_name, c.last_name],
    extraPhones: (c.phones ?? []).map((p) => p.number),
    extraEmails: (c.emails ?? []).map((e) => e.address),
  }).map(termKey);
}

/** The stored record of a new customer (what createCustomer writes; the bench's bulk seeding writes the same). */
export function newCustomerRecord(tenantId: string, customerId: number, input: NewCustomerInput, now = new Date(), assignedNumber?: number): CustomerRecord {
  const at = toStoredInstant(now);
  const filled = withDefaults(customerEntity, { ...input }) as CreateCustomerInput;
  const customerNumber = filled.customer_number ?? (assignedNumber !== undefined ? assignedNumberOf(assignedNumber) : undefined);
  // A body's tags are folded by its schema; code (bench, imports) may pass them as written.
  const fields = { ...filled, customer_number: customerNumber ?? null, tags: tagSetOf(filled.tags ?? []) } as CreateCustomerInput & Indexed;
  const record = customerEntity.newRecord(fields, {
    tenant_id: tenantId,
    customer_id: customerId,
    created_at: at,
    updated_at: at,
    deleted_at: null,
    email_key: emailKeyOf(input.customer_email),
    location_count: 0,
    version: 1,
    terms: searchTermsOf(fields),
  });
  return customerNumber ? { ...record, number_key: numberKeyOf(customerNumber) } : record;
}

export async function createCustomer(tenantId: string, input: NewCustomerInput, now = new Date()): Promise<CustomerObject> {
  // Cheap pre-checks so that retried duplicates do not burn ids; the
  // transaction's guard items are what actually enforce uniqueness.
  const given = input.customer_number;
  const [emailOwner, numberOwner] = await Promise.all([
    customerReads.emailOwner(tenantId, emailKeyOf(input.customer_email)),
    given ? customerReads.numberOwner(tenantId, numberKeyOf(given)) : undefined,
  ]);
  if (emailOwner !== undefined) throw new DuplicateCustomerError(input.customer_email);
  if (given && numberOwner !== undefined) throw new DuplicateCustomerNumberError(given);
  const created = await customerCreates.create(tenantId, (customerId, sequence) => newCustomerRecord(tenantId, customerId, input, now, sequence), {
    assignNumber: !given,
  });
  if (created.outcome === 'duplicate_email') throw new DuplicateCustomerError(input.customer_email);
  if (created.outcome !== 'ok') throw new DuplicateCustomerNumberError(given!);
  const sequence = given ? sequenceOfNumber(given) : undefined;
  if (sequence !== undefined && sequence > 0) await customerCreates.raiseCustomerNumber(tenantId, sequence).catch(() => undefined);
  return toCustomerObject(created.record);
}

/** A customer; one in the trash only when asked (`includeDeleted`), else 404 as if it were gone. */
export async function getCustomer(tenantId: string, customerId: number, includeDeleted = false): Promise<CustomerRecord> {
  const c = await customerReads.get(tenantId, customerId);
  if (!c || (c.deleted_at && !includeDeleted)) throw new NotFoundError('Customer');
  return c;
}

const sameValue = (a: unknown, b: unknown) => a === b || JSON.stringify(a) === JSON.stringify(b);

/**
 * A consistent read, then one transaction conditioned on the version read;
 * a lost race re-reads and retries under the one retry policy, and a customer
 * that stays this busy answers 503 (retry later). A trashed customer is not
 * found: restore it first.
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
    if (!before || before.deleted_at) throw new NotFoundError('Customer');
    customerEntity.assertReadOnlyUnchanged(input, before);
    const changed = (Object.keys(patch) as (keyof CustomerPatch)[]).filter((k) => patch[k] !== undefined && !sameValue(patch[k], before[k]));
    if (changed.length === 0) return toCustomerObject(before);
    const merged = { ...before, ...Object.fromEntries(changed.map((k) => [k, patch[k]])) } as CustomerRecord;
    const after: CustomerRecord = {
      ...merged,
      email_key: emailKeyOf(merged.customer_email),
      ...(merged.customer_number ? { number_key: numberKeyOf(merged.customer_number) } : {}),
      terms: searchTermsOf(merged),
      updated_at: toStoredInstant(now()),
      version: before.version + 1,
    };
    const [emailOwner, numberOwner] = await Promise.all([
      after.email_key !== before.email_key ? customerReads.emailOwner(tenantId, after.email_key) : undefined,
      after.number_key && after.number_key !== before.number_key ? customerReads.numberOwner(tenantId, after.number_key) : undefined,
    ]);
    if (emailOwner !== undefined && emailOwner !== customerId) throw new DuplicateCustomerError(after.customer_email);
    if (numberOwner !== undefined && numberOwner !== customerId) throw new DuplicateCustomerNumberError(after.customer_number!);
    const outcome = await customerUpdates.replace(before, after);
    if (outcome === 'ok') return toCustomerObject(after);
    if (outcome === 'duplicate_email') throw new DuplicateCustomerError(after.customer_email);
    if (outcome === 'duplicate_number') throw new DuplicateCustomerNumberError(after.customer_number!);
    return retryAgain;
  }, () => new ServiceUnavailableError());
}

export interface CustomerPage {
  items: CustomerObject[];
  total: number;
}

/**
 * Lists customers in id order. Each query shape picks the cheapest plan:
 * - no filter: page ids computed from the id counter and its gap buckets → one BatchGet;
 * - has_locations or status alone: that index, read up to the page's end;
 * - status with has_locations: the status index with location counts;
 * - created range: the created index, keys only;
 * - customer_number: its guard item (exact match);
 * - tag alone: the tag's member items up to the page's end → one BatchGet,
 *   the total from the tag's tally; with other filters, its members (keys
 *   only) intersected with those filters' index;
 * - search (± any filter): term prefixes, reading only matching terms.
 * No plan reads the tenant's customers beyond the page and the matches.
 * Trashed customers are in no index and no search term; include_deleted=1
 * lists them too, in the plain list and by customer_number.
 */
export async function listCustomers(tenantId: string, q: ListCustomersQuery): Promise<CustomerPage> {
  const offset = (q.page - 1) * q.per_page;
  const hasLocations = q.has_locations === undefined ? undefined : q.has_locations === '1';
  const includeDeleted = q.include_deleted === true;
  const search = searchFilterOf(q.search);
  const created = Boolean(q.created_after || q.created_before);
  const tag = q.tag;
  if (includeDeleted && (search.kind !== 'everything' || created || hasLocations !== undefined || q.status || tag !== undefined)) {
    throw new ValidationError('Invalid request: include_deleted cannot be combined with search, created_after, created_before, has_locations, status or tag', [
      {
        field: 'include_deleted',
        issue: 'lists trashed customers only in the plain list and with customer_number: trashed customers leave the search terms, tags and list indexes',
      },
    ]);
  }
  if (search.kind === 'nothing') return { items: [], total: 0 };
  const keep = (c: CustomerRecord) =>
    (!q.created_after || c.created_at > q.created_after) &&
    (!q.created_before || c.created_at < q.created_before) &&
    (hasLocations === undefined || c.location_count > 0 === hasLocations) &&
    (!q.status || c.status === q.status) &&
    (tag === undefined || c.tags.includes(tag));

  if (q.customer_number !== undefined) {
    const owner = await customerReads.numberOwner(tenantId, numberKeyOf(q.customer_number));
    let ids = owner === undefined ? [] : [owner];
    if (search.kind === 'words' && ids.length > 0) ids = (await idsMatchingAll(tenantId, search.words)).filter((id) => id === owner);
    const found = (await customerListing.getMany(tenantId, ids)).filter((c) => (includeDeleted || !c.deleted_at) && keep(c));
    return { items: found.slice(offset, offset + q.per_page).map(toCustomerObject), total: found.length };
  }

  if (search.kind === 'words') {
    let ids = await idsMatchingAll(tenantId, search.words);
    if (created || hasLocations !== undefined || q.status || tag !== undefined) ids = await filterByRecord(tenantId, ids, keep);
    return pageOf(tenantId, ids, offset, q.per_page);
  }

  if (tag !== undefined && !created && hasLocations === undefined && !q.status) {
    // The tag's members up to the page's end (keys only) and its tally: page 1 costs the same for a tag on 30 customers or 30,000.
    // Page 1 reads both at once; a later page reads members only when the tally says the page holds any.
    const members = (limit: number) => tagListing.idsWithTag(tenantId, tag, limit);
    const [tally, firstPage] = await Promise.all([tagListing.count(tenantId, tag), offset === 0 ? members(q.per_page) : undefined]);
    // The tally moves with the members in every transaction; a sum below 0 would be a bug, never shown as a negative total.
    const total = Math.max(0, tally);
    const ids = firstPage ?? (offset < total ? (await members(offset + q.per_page)).slice(offset) : []);
    // A customer trashed between the reads is left out rather than shown.
    const items = (await customerListing.getMany(tenantId, ids)).filter((c) => !c.deleted_at);
    return { items: items.map(toCustomerObject), total };
  }
  /** With other filters, the tag's members (keys only, in proportion to the tag) intersect what those filters' index gives. */
  const tagged = tag === undefined ? undefined : new Set(await tagListing.idsWithTag(tenantId, tag));
  const carriesTag = (id: number) => !tagged || tagged.has(id);

  if (created) {
    const rows = await customerListing.idsByCreated(tenantId, q.created_after, q.created_before);
    let ids = rows
      .filter((r) => (hasLocations === undefined || r.locationCount > 0 === hasLocations) && carriesTag(r.id))
      .map((r) => r.id)
      .sort((a, b) => a - b);
    if (q.status) ids = await filterByRecord(tenantId, ids, keep);
    return pageOf(tenantId, ids, offset, q.per_page);
  }

  if (q.status && hasLocations !== undefined) {
    const rows = await customerListing.idsByStatus(tenantId, q.status);
    return pageOf(tenantId, rows.filter((r) => r.locationCount > 0 === hasLocations && carriesTag(r.id)).map((r) => r.id), offset, q.per_page);
  }

  if (tagged && q.status) {
    return pageOf(tenantId, (await customerListing.idsByStatus(tenantId, q.status)).map((r) => r.id).filter(carriesTag), offset, q.per_page);
  }
  if (tagged && hasLocations !== undefined) {
    return pageOf(tenantId, (await customerListing.idsByLocated(tenantId, hasLocations, Number.POSITIVE_INFINITY)).filter(carriesTag), offset, q.per_page);
  }

  const { space, counters, absentIdsOf } = await idSpace(tenantId, includeDeleted);
  const customerCount = listedCount(space);

  if (q.status) {
    const inactive = await customerListing.inactiveCount(tenantId);
    const total = q.status === 'inactive' ? inactive : customerCount - inactive;
    const rows = offset < total ? await customerListing.idsByStatus(tenantId, q.status, offset + q.per_page) : [];
    return { items: (await customerListing.getMany(tenantId, rows.slice(offset).map((r) => r.id))).map(toCustomerObject), total };
  }

  if (hasLocations !== undefined) {
    const located = await customerListing.locatedCount(tenantId, counters);
    const total = hasLocations ? located : customerCount - located;
    const ids = offset < total ? await customerListing.idsByLocated(tenantId, hasLocations, offset + q.per_page) : [];
    return { items: (await customerListing.getMany(tenantId, ids.slice(offset))).map(toCustomerObject), total };
  }

  const buckets = bucketsForPage(space, offset, q.per_page);
  const ids = idsForPage(space, await absentIdsOf(buckets), offset, q.per_page);
  // A customer trashed between the reads above is left out rather than shown.
  const items = (await customerListing.getMany(tenantId, ids)).filter((c) => includeDeleted || !c.deleted_at);
  return { items: items.map(toCustomerObject), total: customerCount };
}

/**
 * The tenant's id space as a list sees it: ids 1..last, minus per bucket the
 * erased ids (never written, or purged) and, unless trashed customers are
 * listed too, the trashed ones; minus pending ids whose create has not landed
 * (in flight, or lost to a crash: one read of those few customers tells), and
 * the vacant ids an older version kept on the counters item. So totals and
 * pages are exact whatever point a write crashed at, and what a page costs
 * does not grow with deletions. A list never writes: a later create tidies stale marks up.
 */
async function idSpace(tenantId: string, includeDeleted: boolean) {
  const [counters, gapCounts] = await Promise.all([customerListing.counters(tenantId), readGapCounts(tenantId)]);
  const absentCounts = new Map<number, number>();
  const stored = new Set<number>();
  for (const g of gapCounts) {
    const n = g.erased + (includeDeleted ? 0 : g.trashed);
    if (n > 0) {
      absentCounts.set(g.bucket, n);
      stored.add(g.bucket);
    }
  }
  // Absent ids the buckets do not hold: pending ids not written (and not erased since) and legacy vacant ids.
  const extra = new Map<number, Set<number>>();
  const addExtra = (id: number) => {
    const b = bucketOf(id);
    const set = extra.get(b) ?? extra.set(b, new Set()).get(b)!;
    if (set.has(id)) return;
    set.add(id);
    absentCounts.set(b, (absentCounts.get(b) ?? 0) + 1);
  };
  const pending = counters.pendingCustomerIds;
  if (pending.size > 0) {
    const pendingIds = [...pending.keys()];
    const [written, erasedSets] = await Promise.all([
      customerListing.getMany(tenantId, pendingIds).then((cs) => new Set(cs.map((c) => c.customer_id))),
      readGapIds(tenantId, [...new Set(pendingIds.map(bucketOf))].filter((b) => stored.has(b))),
    ]);
    for (const id of pendingIds) if (!written.has(id) && !erasedSets.get(bucketOf(id))?.erased.has(id)) addExtra(id);
  }
  for (const id of counters.vacantCustomerIds) addExtra(id);
  const space: IdSpace = { last: counters.lastCustomerId, bucketSize: gapBucketSize, absentCounts };
  /** The absent ids of the buckets a page needs: one BatchGetItem of their gap items, plus the extras. */
  const absentIdsOf = async (buckets: number[]) => {
    const sets = await readGapIds(tenantId, buckets.filter((b) => stored.has(b)));
    const absent = new Map<number, Set<number>>();
    for (const b of buckets) {
      const ids = new Set<number>([...(sets.get(b)?.erased ?? []), ...(extra.get(b) ?? [])]);
      if (!includeDeleted) for (const id of sets.get(b)?.trashed ?? []) ids.add(id);
      absent.set(b, ids);
    }
    return absent;
  };
  return { space, counters, absentIdsOf };
}

async function idsMatchingAll(tenantId: string, words: string[]): Promise<number[]> {
  let result: Set<number> | undefined;
  /** Ids some word matched through the customer's own terms: a live customer (the trash deletes those). */
  const live = new Set<number>();
  // Longer words tend to match fewer customers: start with them, stop when nothing is left.
  for (const word of [...words].sort((a, b) => b.length - a.length)) {
    const matches = new Set<number>();
    const found = await Promise.all(prefixesOf(word).map((p) => customerListing.idsByTermPrefix(tenantId, p)));
    for (const { own, viaContacts } of found) {
      for (const id of own) {
        live.add(id);
        if (!result || result.has(id)) matches.add(id);
      }
      for (const id of viaContacts) if (!result || result.has(id)) matches.add(id);
    }
    result = matches;
    if (result.size === 0) break;
  }
  const ids = [...(result ?? [])].sort((a, b) => a - b);
  const unsure = ids.filter((id) => !live.has(id));
  if (unsure.length === 0) return ids;
  const trashed = await trashedAmong(tenantId, unsure);
  return trashed.size === 0 ? ids : ids.filter((id) => !trashed.has(id));
}

/**
 * Which of these ids are in the trash (or erased): matched only through
 * contact terms, which a trashed customer keeps. Reads the gap counts, then
 * the gap ids of only the buckets that hold one of these ids and a gap, so
 * the cost follows the matches, not the tenant.
 */
async function trashedAmong(tenantId: string, ids: number[]): Promise<Set<number>> {
  const gapped = new Set((await readGapCounts(tenantId)).filter((g) => g.trashed + g.erased > 0).map((g) => g.bucket));
  const buckets = [...new Set(ids.map(bucketOf))].filter((b) => gapped.has(b));
  if (buckets.length === 0) return new Set();
  const sets = await readGapIds(tenantId, buckets);
  const out = new Set<number>();
  for (const id of ids) {
    const g = sets.get(bucketOf(id));
    if (g && (g.trashed.has(id) || g.erased.has(id))) out.add(id);
  }
  return out;
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
