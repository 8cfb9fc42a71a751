import { writeFileSync } from 'node:fs';

export interface SectionContext {
  /** Fewer iterations and sizes (`npm run bench -- --quick`). */
  quick: boolean;
  /** Progress line on stderr (stdout of the whole run stays readable). */
  log(message: string): void;
}

/**
 * Runs one bench section in its own process (bench/run.ts spawns it, so each
 * section gets fresh module state and environment) and hands its Markdown to
 * the parent through BENCH_RESULT_FILE.
 */
export function runSection(name: string, body: (ctx: SectionContext) => Promise<string>): void {
  const out = process.env.BENCH_RESULT_FILE;
  const ctx: SectionContext = {
    quick: process.env.BENCH_QUICK === '1',
    log: (message) => process.stderr.write(`[${name}] ${message}\n`),
  };
  body(ctx).then(
    (markdown) => {
      if (out) writeFileSync(out, markdown);
      else process.stdout.write(`${markdown}\n`);
      // Keep-alive sockets and SDK clients would hold the process open.
      process.exit(0);
    },
    (err: unknown) => {
      const detail = err instanceof Error ? (err.stack ?? err.message) : String(err);
      process.stderr.write(`[${name}] failed: ${detail}\n`);
      if (out) writeFileSync(out, `**Section failed:** \`${(err instanceof Error ? err.message : String(err)).split('\n')[0]}\`\n`);
      process.exit(1);
    },
  );
}
