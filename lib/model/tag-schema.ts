import * as z from 'zod/mini';
import '../zod-locale.js';
import { foldTag, sentTagIssue, tagLimits } from './tags.js';

/** One tag as a client sends it (in a customer's `tags`, or the list's `tag` filter): checked as folded (./tags.ts), then folded. */
export const sentTag = () =>
  z.pipe(
    z.string('must be a string').check(
      // The bound the document shows; sentTagIssue holds it too (path tags have no schema check).
      z.maxLength(tagLimits.sent, { message: `must be at most ${tagLimits.length} characters`, abort: true }),
      z.check((ctx) => {
        const issue = sentTagIssue(ctx.value);
        if (issue) ctx.issues.push({ code: 'custom', message: issue, input: ctx.value });
      }),
    ),
    z.transform(foldTag),
  );
