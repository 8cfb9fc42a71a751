import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { esbuildOptions } from '../../infra/bundling.js';
import { routeList } from '../../lib/routes.js';

const repoRoot = path.resolve(fileURLToPath(new URL('../..', import.meta.url)));

/** The zod source files esbuild puts into a function's bundle, bundled as CDK bundles it (infra/bundling.ts). */
async function bundledZodInputs(entry: string): Promise<string[]> {
  const result = await build({
    ...esbuildOptions(path.join(repoRoot, entry), path.join(repoRoot, 'bench/.out/unused.mjs')),
    write: false,
    sourcemap: false,
    metafile: true,
  });
  const output = Object.values(result.metafile.outputs)[0]!;
  return Object.entries(output.inputs)
    .filter(([input, { bytesInOutput }]) => bytesInOutput > 0 && input.includes('node_modules/zod/'))
    .map(([input]) => input.slice(input.indexOf('node_modules/zod/')));
}

/**
 * zod classic is ~450 KB of a function's bundle, zod/mini with the English
 * locale ~32 KB. One `import { z } from 'zod'`, or `import { z } from
 * 'zod/mini'` (a namespace object esbuild cannot tree-shake: every locale
 * comes along), would bring the weight back.
 */
describe('what zod costs each function', () => {
  const entries = [...routeList.map((r) => r.entry), 'functions/geocode/worker.ts'];
  it.each(entries)('%s bundles zod/mini and only the English locale', async (entry) => {
    const inputs = await bundledZodInputs(entry);
    expect(inputs.filter((i) => i.startsWith('node_modules/zod/v4/classic/'))).toEqual([]);
    expect(inputs.filter((i) => i.startsWith('node_modules/zod/v4/locales/'))).toEqual(['node_modules/zod/v4/locales/en.js']);
  }, 60_000);
});
