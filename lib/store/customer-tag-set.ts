/**
 * How the customer item keeps its tags: a String Set, so that one tag is
 * added or removed by an atomic ADD/DELETE (./customer-tags.ts); absent when
 * empty, as DynamoDB has no empty set. Records and the API hold a sorted
 * array. Apart, so that every reader of customer items converts alike
 * without bundling the tag writes.
 */
export const tagSetItemValue = (tags: readonly string[] | undefined): Set<string> | undefined => (tags && tags.length > 0 ? new Set(tags) : undefined);

/** A customer item's record with its tags as records and the API list them: sorted, [] when it has none. */
export const withTagList = <R extends { tags?: unknown }>(record: R): R & { tags: string[] } => ({
  ...record,
  tags: record.tags instanceof Set ? [...(record.tags as Set<string>)].sort() : [],
});
