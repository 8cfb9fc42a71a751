import * as z from 'zod/mini';
import '../zod-locale.js';
import { foldTag, tagIssue, tagLimits } from './tags.js';

/** One tag as a client sends it (in a customer's `tags`, or the list's `tag` filter): checked as folded (./tags.ts), then folded. */
export const sentTag = () =>
  z.pipe(
    z.string('must be a string').check(
      // Far too long is refused before any folding: the work stays bounded whatever is sent.
      z.maxLength(tagLimits.sent, { message: `must be at most ${tagLimits.length} characters`, abort: true }),
      z.check((ctx) => {
        const issue = tagIssue(foldTag(ctx.value));
        if (issue) ctx.issues.push({ code: 'custom', message: issue, input: ctx.value });
      }),
    ),
    z.transform(foldTag),
  );
