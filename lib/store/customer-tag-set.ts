/**
 * How the customer item keeps its tags: a String Set, so that one tag is
 * added or removed by an atomic ADD/DELETE (./customer-tags.ts); absent when
 * empty, as DynamoDB has no empty set. Records and the API hold a sorted
 * array. Apart, so that every reader of customer items converts alike
 * without bundling the tag writes.
 */
export const tagSetItemValue = (tags: readonly string[] | undefined): Set<string> | undefined => (tags && tags.length > 0 ? new Set(tags) : undefined);

/** The tags of a customer item's attribute, sorted as records and the API list them. */
export const tagsOfItem = (value: unknown): string[] | undefined =>
  value instanceof Set ? [...(value as Set<string>)].sort() : Array.isArray(value) ? [...(value as string[])].sort() : undefined;
