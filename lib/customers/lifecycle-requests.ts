import * as z from 'zod/mini';
import '../zod-locale.js';
import { recordIdValue } from '../model/record-ids.js';
import { buildOnce } from '../model/entity.js';
import { queryFlag } from './get-query.js';

/** The requests and answers of the trash and bulk-status routes (lib/customers/lifecycle.ts). */

/** DELETE /customers/{id}: `purge=1` erases a trashed customer now instead of trashing a live one. */
export const deleteCustomerQuery = z.strictObject({ purge: z.optional(queryFlag) });

/** The most ids one bulk request may name: one request, a bounded amount of work. */
export const maxBulkIds = 100;

/** POST /customers/deactivate and /reactivate. Builder: only those two functions build it. */
export const bulkStatusBody = buildOnce(() =>
  z.strictObject({
    ids: z.array(recordIdValue).check(z.minLength(1, 'must list at least one id'), z.maxLength(maxBulkIds, `must list at most ${maxBulkIds} ids`)),
  }),
);

/** Their answer: one result per distinct id, in the order first given. */
export const bulkStatusResult = buildOnce(() =>
  z
    .object({
      results: z
        .array(
          z.object({
            customer_id: recordIdValue,
            result: z.enum(['done', 'already', 'not_found']),
          }),
        )
        .check(z.maxLength(maxBulkIds)),
    })
    .register(z.globalRegistry, { id: 'BulkStatusResult' }),
);
