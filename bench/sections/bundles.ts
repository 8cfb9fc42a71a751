/**
 * Per function: the bundle CDK would deploy (same esbuild options, from
 * infra/bundling.ts), its size, and how long a fresh Node process takes to
 * import it — the part of a Lambda cold start our code controls — against an
 * empty handler bundled the same way.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, statSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { esbuildOptions } from '../../infra/bundling.js';
import { routeList } from '../../lib/routes.js';
import { runSection } from '../support/section.js';
import { bytes, median, ms, table } from '../support/stats.js';

const repoRoot = path.resolve(fileURLToPath(new URL('../..', import.meta.url)));
const outRoot = path.join(repoRoot, 'bench', '.out', 'bundles');

interface Fn {
  name: string;
  entry: string;
  external?: string[];
}

/** Every Lambda: the route table's entries, the fallback, and any other file under functions/ (the geocode worker…). */
function functionsToBundle(): Fn[] {
  const fns: Fn[] = routeList.map((r) => ({ name: r.operationId, entry: r.entry }));
  const known = new Set(fns.map((f) => f.entry));
  const walk = (dir: string): string[] =>
    readdirSync(path.join(repoRoot, dir)).flatMap((f) => {
      const rel = path.posix.join(dir, f);
      return statSync(path.join(repoRoot, rel)).isDirectory() ? walk(rel) : [rel];
    });
  // functions/edge holds the CloudFront Function: plain JS run by CloudFront, not a Lambda bundle.
  for (const entry of walk('functions').filter((f) => f.endsWith('.ts') && !f.startsWith('functions/edge/')).sort()) {
    if (!known.has(entry)) fns.push({ name: entry.replace(/^functions\//, '').replace(/\.ts$/, ''), entry });
  }
  return fns;
}

async function bundle(fn: Fn, dir: string): Promise<{ file: string; size: number; gzip: number; mapSize: number }> {
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, 'index.mjs');
  const options = esbuildOptions(path.join(repoRoot, fn.entry), file);
  await build({ ...options, external: [...(options.external ?? []), ...(fn.external ?? [])] });
  const code = readFileSync(file);
  let mapSize = 0;
  try {
    mapSize = statSync(`${file}.map`).size;
  } catch {
    // no source map
  }
  return { file, size: code.length, gzip: gzipSync(code).length, mapSize };
}

/** Fresh `node` per sample: import time, and process start → handler ready. Medians of `runs`. */
function coldImport(file: string, runs: number, sourceMaps: boolean): { importMs: number; readyMs: number } {
  const script = `const t = performance.now(); const m = await import(${JSON.stringify(pathToFileURL(file).href)}); if (typeof m.handler !== 'function') throw new Error('no handler export'); const e = performance.now(); console.log(JSON.stringify({ importMs: e - t, readyMs: e }));`;
  const imports: number[] = [];
  const ready: number[] = [];
  for (let i = 0; i < runs; i++) {
    const out = spawnSync(process.execPath, [...(sourceMaps ? ['--enable-source-maps'] : []), '--input-type=module', '-e', script], {
      encoding: 'utf8',
      env: { PATH: process.env.PATH, TABLE_NAME: 'bench', AWS_REGION: 'us-east-1', LOG_LEVEL: 'SILENT' },
    });
    if (out.status !== 0) throw new Error(`importing ${file} failed: ${out.stderr}`);
    const r = JSON.parse(out.stdout.trim().split('\n').pop()!) as { importMs: number; readyMs: number };
    imports.push(r.importMs);
    ready.push(r.readyMs);
  }
  return { importMs: median(imports), readyMs: median(ready) };
}

runSection('bundles', async ({ quick, log }) => {
  const runs = quick ? 5 : 15;
  const emptyDir = path.join(outRoot, '_empty');
  mkdirSync(emptyDir, { recursive: true });
  const emptyEntry = path.join(emptyDir, 'empty-handler.ts');
  writeFileSync(emptyEntry, 'export const handler = async () => ({ statusCode: 200, body: "" });\n');
  const empty: Fn = { name: 'empty handler', entry: path.relative(repoRoot, emptyEntry) };

  const fns = functionsToBundle();
  const get = fns.find((f) => f.name === 'getCustomer');
  const variants: Fn[] = [empty, ...fns, ...(get ? [{ name: 'getCustomer, AWS SDK external', entry: get.entry, external: ['@aws-sdk/*'] }] : [])];

  const rows: { fn: Fn; size: number; gzip: number; mapSize: number; withMaps: ReturnType<typeof coldImport>; noMaps: ReturnType<typeof coldImport> }[] = [];
  for (const fn of variants) {
    log(`${fn.name}: bundle, then ${runs}+${runs} fresh imports`);
    const b = await bundle(fn, path.join(outRoot, fn.name.replace(/[^A-Za-z0-9]+/g, '-')));
    rows.push({ fn, ...b, withMaps: coldImport(b.file, runs, true), noMaps: coldImport(b.file, runs, false) });
  }
  const base = rows[0]!;
  const x = (a: number, b: number) => `${(a / b).toFixed(1)}×`;
  const render = (r: (typeof rows)[number]) => [
    r.fn.external ? `${r.fn.name}` : r.fn === empty ? r.fn.name : `\`${r.fn.name}\` (${r.fn.entry})`,
    bytes(r.size),
    bytes(r.gzip),
    bytes(r.mapSize),
    ms(r.withMaps.importMs),
    x(r.withMaps.importMs, base.withMaps.importMs),
    ms(r.withMaps.readyMs),
    x(r.withMaps.readyMs, base.withMaps.readyMs),
    ms(r.noMaps.importMs),
  ];
  const sdkRow = rows.find((r) => r.fn.external);
  const getRow = rows.find((r) => r.fn === get);
  return [
    `Each function bundled with \`esbuildOptions\` from \`infra/bundling.ts\` (what CDK's NodejsFunction uses: minified ESM, node24,`,
    `source map without sources). Import time: a fresh \`node\` process runs \`await import(bundle)\`, median of ${runs}; "ready" is`,
    `process start → handler exported (Node's own boot included). Deployed functions run with \`NODE_OPTIONS=--enable-source-maps\``,
    `(infra/constructs/fieldbook-function.ts), so the ratios use that; the last column is the same import without source maps.`,
    '',
    table(
      ['function', 'minified', 'gzip', 'source map', 'import (maps on)', '÷ empty', 'ready', '÷ empty', 'import (maps off)'],
      rows.map(render),
    ),
    '',
    sdkRow && getRow
      ? [
          `**AWS SDK bundled vs external** (getCustomer): bundled, the function is ${bytes(getRow.size)} and imports in ${ms(getRow.withMaps.importMs)};`,
          `with \`@aws-sdk/*\` left to the runtime it is ${bytes(sdkRow.size)} but imports in ${ms(sdkRow.withMaps.importMs)}`,
          `(${x(sdkRow.withMaps.importMs, getRow.withMaps.importMs)} the bundled time) — resolving and loading the SDK's many ESM files from node_modules`,
          `(here the project's copy, standing in for the runtime's) costs more than parsing one minified, tree-shaken file.`,
        ].join('\n')
      : '',
  ].join('\n');
});
