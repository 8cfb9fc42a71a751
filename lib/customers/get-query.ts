import * as z from 'zod/mini';
import '../zod-locale.js';

/** A yes/no query parameter: 1 or true, 0 or false (include_deleted, purge). */
export const queryFlag = z.pipe(
  z.enum(['1', '0', 'true', 'false'], 'must be 1, 0, true or false'),
  z.transform((v) => v === '1' || v === 'true'),
);

/** GET /customers/{id}'s query: include=locations, include_deleted. */
export const getCustomerQuery = z.strictObject({
  include: z.optional(z.enum(['locations'], 'must be "locations"')),
  include_deleted: z.optional(queryFlag),
});
