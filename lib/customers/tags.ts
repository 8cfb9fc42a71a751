import { ConflictError, NotFoundError, ServiceUnavailableError, ValidationError } from '../errors.js';
import { toStoredInstant } from '../instants.js';
import { foldTag, sentTagIssue, tagLimits, tagSetOf } from '../model/tags.js';
import { retryAgain, retryProfiles, withRetries } from '../retry-policy.js';
import { customerReads } from '../store/customer-store.js';
import { customerTagEdits, tagCounts } from '../store/customer-tags.js';

/**
 * Tags one at a time (PUT and DELETE /customers/{id}/tags/{tag}) and the
 * tenant's tags with their counts (GET /tags). A tag edit changes the
 * customer's set atomically, so concurrent edits of different tags all land;
 * each is one transaction with the tag's member item and tally.
 */

/** A tag from a path or a query, folded; a 400 naming `field` when it is not a tag. */
export function tagFrom(sent: string, field: string): string {
  const issue = sentTagIssue(sent);
  if (issue) throw new ValidationError(`Invalid request: ${field} ${issue}`, [{ field, issue }]);
  return foldTag(sent);
}

export interface TagEdit {
  /** Whether this request changed the customer (false: it already had, or lacked, the tag). */
  changed: boolean;
  customer_id: number;
  /** The customer's tags after this request, as it saw them. */
  tags: string[];
}

const retrying = <T>(attempt: () => Promise<T | typeof retryAgain>) => withRetries(retryProfiles.optimisticWrite, attempt, () => new ServiceUnavailableError());

/** A live customer, read consistently, or 404. */
async function liveCustomer(tenantId: string, customerId: number) {
  const c = await customerReads.get(tenantId, customerId, true);
  if (!c || c.deleted_at) throw new NotFoundError('Customer');
  return c;
}

/**
 * PUT …/tags/{tag}: idempotent; a customer that has the tag already is left
 * as it is. The 21st tag is refused (409): remove one first.
 */
export async function addCustomerTag(tenantId: string, customerId: number, sentTag: string, now = () => new Date()): Promise<TagEdit> {
  const tag = tagFrom(sentTag, 'tag');
  return retrying(async () => {
    const c = await liveCustomer(tenantId, customerId);
    if (c.tags.includes(tag)) return { changed: false, customer_id: customerId, tags: c.tags };
    if (c.tags.length >= tagLimits.perCustomer) throw new ConflictError(`Customer already has ${tagLimits.perCustomer} tags, the most allowed: remove one first`);
    // Refused: the customer changed since the read (trashed, tagged meanwhile, at the limit): read it again and decide.
    if ((await customerTagEdits.add(tenantId, customerId, tag, toStoredInstant(now()))) !== 'ok') return retryAgain;
    return { changed: true, customer_id: customerId, tags: tagSetOf([...c.tags, tag]) };
  });
}

/** DELETE …/tags/{tag}: 404 "Tag not found" when the customer does not carry it. */
export async function removeCustomerTag(tenantId: string, customerId: number, sentTag: string, now = () => new Date()): Promise<TagEdit> {
  const tag = tagFrom(sentTag, 'tag');
  return retrying(async () => {
    const c = await liveCustomer(tenantId, customerId);
    if (!c.tags.includes(tag)) throw new NotFoundError('Tag');
    if ((await customerTagEdits.remove(tenantId, customerId, tag, toStoredInstant(now()))) !== 'ok') return retryAgain;
    return { changed: true, customer_id: customerId, tags: c.tags.filter((t) => t !== tag) };
  });
}

export interface TagCount {
  tag: string;
  customer_count: number;
}

/**
 * GET /tags: every tag the tenant's listed customers carry, in tag order,
 * with exact counts (trashed customers count in none), paginated. One Query
 * of the tag tallies, whatever the number of customers.
 */
export async function listTags(tenantId: string, page: number, perPage: number): Promise<{ items: TagCount[]; total: number }> {
  // Sorted as a customer's tags are (the tallies' key order puts "a b" before "a").
  const all = [...(await tagCounts.all(tenantId))].map(([tag, n]) => ({ tag, customer_count: n })).sort((a, b) => (a.tag < b.tag ? -1 : 1));
  const offset = (page - 1) * perPage;
  return { items: all.slice(offset, offset + perPage), total: all.length };
}
