import * as z from 'zod/mini';
import '../zod-locale.js';
import { buildOnce } from '../model/entity.js';
import { pageQuery } from '../model/paging.js';
import { recordId } from '../model/record-ids.js';
import { tagLimits } from '../model/tags.js';

/**
 * The tag routes' path, query and answers. The `{tag}` of a path is any
 * text here: lib/customers/tags.ts folds and checks it, so a malformed tag
 * answers 400 naming `tag` (a malformed customer id, as everywhere, 404).
 */
export const customerTagPathParams = z.strictObject({ customerId: recordId, tag: z.string() });
export const listTagsQuery = z.strictObject({ ...pageQuery });
export type ListTagsQuery = z.output<typeof listTagsQuery>;

const tagOut = () => z.string().check(z.minLength(1), z.maxLength(tagLimits.length * 2));

/** The `data` of a tag edit: the customer and its tags after it, sorted. */
export const customerTagsSchema = buildOnce(() =>
  z
    .object({ customer_id: z.number().check(z.int(), z.gte(1)), tags: z.array(tagOut()).check(z.maxLength(tagLimits.perCustomer)) })
    .register(z.globalRegistry, { id: 'CustomerTags' }),
);

/** One entry of GET /tags. */
export const tagCountSchema = buildOnce(() =>
  z.object({ tag: tagOut(), customer_count: z.number().check(z.int(), z.gte(1)) }).register(z.globalRegistry, { id: 'TagCount' }),
);
