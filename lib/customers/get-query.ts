import * as z from 'zod/mini';
import '../zod-locale.js';

/** GET /customers/{id}'s query: include=locations or nothing. */
export const getCustomerQuery = z.strictObject({
  include: z.optional(z.enum(['locations'], 'must be "locations"')),
});
