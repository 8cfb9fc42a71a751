import * as z from 'zod/mini';
import '../zod-locale.js';

/** A yes/no query parameter: 1 or true, 0 or false (include_deleted, purge). */
export const queryFlag = z.pipe(
  z.enum(['1', '0', 'true', 'false'], 'must be 1, 0, true or false'),
  z.transform((v) => v === '1' || v === 'true'),
);

/** What a customer GET may embed: include=locations, include=contacts, or both (comma-separated, either order). */
export const includeValues = ['locations', 'contacts', 'locations,contacts', 'contacts,locations'] as const;
export const embedsOf = (include: (typeof includeValues)[number] | undefined) => ({
  locations: include?.includes('locations') === true,
  contacts: include?.includes('contacts') === true,
});

/** GET /customers/{id}'s query: include, include_deleted. */
export const getCustomerQuery = z.strictObject({
  include: z.optional(z.enum(includeValues, 'must be "locations", "contacts" or "locations,contacts"')),
  include_deleted: z.optional(queryFlag),
});
