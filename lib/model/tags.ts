/**
 * A customer's tags (issue 10, Skimmer's labels): the one rule of what a tag
 * is, applied alike to the `tags` of a customer body, the `{tag}` of
 * PUT/DELETE /customers/{id}/tags/{tag} and the `tag` filter of a list, so
 * that "VIP", " vip " and "vip" are one tag everywhere. No zod here: the tag
 * routes and the list query use it without the customer's schemas.
 */
export const tagLimits = {
  /** Tags one customer carries at most. */
  perCustomer: 20,
  /** Characters (code points) of one tag, after folding. */
  length: 40,
  /** Characters of one tag as sent, before trimming: bounds the work on hostile input. */
  sent: 200,
  /** Entries of a `tags` array as sent, before duplicates fold. */
  sentList: 100,
} as const;

/** Letters and digits of any script, `-` and `_`, words separated by single spaces. A tag never holds '#', the key separator. */
const tagPattern = /^[\p{L}\p{N}\p{M}_-]+(?: [\p{L}\p{N}\p{M}_-]+)*$/u;

/** Trimmed, runs of spaces folded to one, Unicode NFC, lowercased: the form a tag is stored, counted and matched in. */
export function foldTag(sent: string): string {
  return sent.trim().replace(/ {2,}/g, ' ').normalize('NFC').toLowerCase();
}

/** What is wrong with a folded tag, for a 400's `issue`; undefined when it is a tag. */
export function tagIssue(folded: string): string | undefined {
  const length = [...folded].length;
  if (length === 0) return 'must not be empty';
  if (length > tagLimits.length) return `must be at most ${tagLimits.length} characters`;
  if (!tagPattern.test(folded)) return 'must be letters, digits, spaces, - or _';
  return undefined;
}

/**
 * What is wrong with a tag as a client sent it, checked as folded; undefined
 * when it is one. Far too long is refused before any folding, so the work
 * stays bounded whatever is sent.
 */
export function sentTagIssue(sent: string): string | undefined {
  return sent.length > tagLimits.sent ? `must be at most ${tagLimits.length} characters` : tagIssue(foldTag(sent));
}

/** A tag list as stored and shown: folded, each once, sorted (by UTF-16 code unit, so every reader orders them alike). */
export const tagSetOf = (tags: Iterable<string>): string[] => [...new Set([...tags].map(foldTag))].sort();
