import * as z from 'zod/mini';
import '../zod-locale.js';

/** Ids, shared by every entity: the one place that says what an id looks like in a path, a body or a response. */

/** Ids sort as 10 zero-padded digits in the store's keys (lib/store/entity-items.ts). */
export const maxRecordId = 9_999_999_999;

/** An id in a body or a response. */
export const recordIdValue = z
  .number('must be an integer')
  .check(z.int('must be an integer'), z.gte(1, 'must be a positive integer'), z.lte(maxRecordId, `must be at most ${maxRecordId}`));

/** Positive integer ids in paths. A malformed id names no record, so it answers 404 like an unknown one. */
export const recordId = z
  // Documented as the integer a client sends (lib/openapi/schema-docs.ts).
  .pipe(z.string().check(z.regex(/^[1-9]\d{0,9}$/, 'must be a positive integer')), z.transform(Number));
