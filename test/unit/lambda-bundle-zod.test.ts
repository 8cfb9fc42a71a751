import { describe, expect, it } from 'vitest';
import { routeList } from '../../lib/routes.js';
import { bundledInputs } from '../support/bundled-inputs.js';

/** The zod source files in a function's bundle. */
async function bundledZodInputs(entry: string): Promise<string[]> {
  return (await bundledInputs(entry)).filter((input) => input.includes('node_modules/zod/')).map((input) => input.slice(input.indexOf('node_modules/zod/')));
}

/**
 * zod classic is ~450 KB of a function's bundle, zod/mini with the English
 * locale ~32 KB. One `import { z } from 'zod'`, or `import { z } from
 * 'zod/mini'` (a namespace object esbuild cannot tree-shake: every locale
 * comes along), would bring the weight back.
 */
describe('what zod costs each function', () => {
  const entries = [...routeList.map((r) => r.entry), 'functions/geocode/worker.ts'];
  it.each(entries)('%s bundles zod/mini and none of zod\'s locales (lib/zod-locale.ts writes the English texts out)', async (entry) => {
    const inputs = await bundledZodInputs(entry);
    expect(inputs.filter((i) => i.startsWith('node_modules/zod/v4/classic/'))).toEqual([]);
    expect(inputs.filter((i) => i.startsWith('node_modules/zod/v4/locales/'))).toEqual([]);
  }, 60_000);
});
