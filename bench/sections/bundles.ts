/**
 * Per function: the bundle CDK would deploy (same esbuild options, from
 * infra/bundling.ts), its size, and how long a fresh Node process takes to
 * import it — the part of a Lambda cold start our code controls — against
 * issue 8's floor (a handler doing one GetItem through lib-dynamodb,
 * bench/support/floor-handler.ts) and an empty handler, bundled the same way.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readdirSync, statSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { esbuildOptions } from '../../infra/bundling.js';
import { bundledInputsOf, dataFilesFor } from '../../infra/copy-data-files.mjs';
import { routeList } from '../../lib/routes.js';
import { runSection } from '../support/section.js';
import { bytes, median, ms, table } from '../support/stats.js';

const repoRoot = path.resolve(fileURLToPath(new URL('../..', import.meta.url)));
const outRoot = path.join(repoRoot, 'bench', '.out', 'bundles');

interface Fn {
  name: string;
  entry: string;
  external?: string[];
  /** Behind API Gateway: held to issue 8's targets against the floor. */
  http?: boolean;
}

/** Issue 8, "lean functions": per HTTP function, against the floor. */
const targets = { extraBytes: 60 * 1024, importRatio: 1.2 };

/** API Gateway's $default route (infra/constructs/api.ts): an HTTP function outside the route table. */
const fallbackEntry = 'functions/fallback.ts';

/** Every Lambda: the route table's entries, the fallback, and any other file under functions/ (the geocode worker…). */
function functionsToBundle(): Fn[] {
  const fns: Fn[] = routeList.map((r) => ({ name: r.operationId, entry: r.entry, http: true }));
  const known = new Set(fns.map((f) => f.entry));
  const walk = (dir: string): string[] =>
    readdirSync(path.join(repoRoot, dir)).flatMap((f) => {
      const rel = path.posix.join(dir, f);
      return statSync(path.join(repoRoot, rel)).isDirectory() ? walk(rel) : [rel];
    });
  // functions/edge holds the CloudFront Function: plain JS run by CloudFront, not a Lambda bundle.
  for (const entry of walk('functions').filter((f) => f.endsWith('.ts') && !f.startsWith('functions/edge/')).sort()) {
    if (!known.has(entry)) fns.push({ name: entry.replace(/^functions\//, '').replace(/\.ts$/, ''), entry, http: entry === fallbackEntry });
  }
  return fns;
}

interface Bundle {
  file: string;
  size: number;
  gzip: number;
  mapSize: number;
  /** Bytes of the output by origin: an npm package, or our own code. */
  origins: Map<string, number>;
  /** Data files shipped beside the bundle (infra/data-files.json), read on first use, never at import: their total size. */
  dataFileBytes: number;
  dataFiles: string[];
}

const originOf = (input: string) => {
  const m = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(input);
  return m ? m[1]! : input.startsWith('lib/') || input.startsWith('functions/') ? 'fieldbook code' : 'other';
};

async function bundle(fn: Fn, dir: string): Promise<Bundle> {
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, 'index.mjs');
  const options = esbuildOptions(path.join(repoRoot, fn.entry), file);
  const result = await build({ ...options, external: [...(options.external ?? []), ...(fn.external ?? [])], metafile: true });
  const origins = new Map<string, number>();
  for (const output of Object.values(result.metafile.outputs)) {
    for (const [input, { bytesInOutput }] of Object.entries(output.inputs)) {
      const origin = originOf(path.relative(repoRoot, path.resolve(repoRoot, input)));
      origins.set(origin, (origins.get(origin) ?? 0) + bytesInOutput);
    }
  }
  // Shipped beside the bundle as CDK does (infra/copy-data-files.mjs), so that a lazy read would find them.
  const dataFiles = dataFilesFor(repoRoot, bundledInputsOf(result.metafile));
  let dataFileBytes = 0;
  for (const data of dataFiles) {
    copyFileSync(path.join(repoRoot, data), path.join(dir, path.basename(data)));
    dataFileBytes += statSync(path.join(repoRoot, data)).size;
  }
  const code = readFileSync(file);
  let mapSize = 0;
  try {
    mapSize = statSync(`${file}.map`).size;
  } catch {
    // no source map
  }
  return { file, size: code.length, gzip: gzipSync(code).length, mapSize, origins, dataFileBytes, dataFiles };
}

/** One fresh `node` process importing a bundle: import time, and process start → handler exported. */
function importOnce(file: string, sourceMaps: boolean): { importMs: number; readyMs: number } {
  const script = `const t = performance.now(); const m = await import(${JSON.stringify(pathToFileURL(file).href)}); if (typeof m.handler !== 'function') throw new Error('no handler export'); const e = performance.now(); console.log(JSON.stringify({ importMs: e - t, readyMs: e }));`;
  const out = spawnSync(process.execPath, [...(sourceMaps ? ['--enable-source-maps'] : []), '--input-type=module', '-e', script], {
    encoding: 'utf8',
    env: { PATH: process.env.PATH, TABLE_NAME: 'bench', AWS_REGION: 'us-east-1', LOG_LEVEL: 'SILENT' },
  });
  if (out.status !== 0) throw new Error(`importing ${file} failed: ${out.stderr}`);
  return JSON.parse(out.stdout.trim().split('\n').pop()!) as { importMs: number; readyMs: number };
}

interface Timing {
  importMs: number;
  readyMs: number;
}

/**
 * Each bundle against the floor, with source maps (as deployed): every round
 * imports the floor and the bundle back to back in fresh processes, the order
 * alternating by round, so load drift hits both alike. The ratio is the median
 * of the per-round ratios; the floor's own figure pools all its runs.
 */
interface VsFloor {
  timing: Timing;
  /** The floor's median over the rounds paired with this bundle. */
  floorImportMs: number;
  /** Median of the per-round import ratios. */
  ratio: number;
}

function pairedWithFloor(floor: string, files: string[], runs: number): { pairs: VsFloor[]; floor: Timing } {
  const floorAll = { imports: [] as number[], ready: [] as number[] };
  const samples = files.map(() => ({ imports: [] as number[], ready: [] as number[], floorImports: [] as number[], ratios: [] as number[] }));
  for (let r = 0; r < runs; r++) {
    files.forEach((file, i) => {
      const [a, b] = r % 2 === 0 ? [floor, file] : [file, floor];
      const first = importOnce(a, true);
      const second = importOnce(b, true);
      const [f, t] = r % 2 === 0 ? [first, second] : [second, first];
      const s = samples[i]!;
      s.imports.push(t.importMs);
      s.ready.push(t.readyMs);
      s.floorImports.push(f.importMs);
      s.ratios.push(t.importMs / f.importMs);
      floorAll.imports.push(f.importMs);
      floorAll.ready.push(f.readyMs);
    });
  }
  return {
    pairs: samples.map((s) => ({
      timing: { importMs: median(s.imports), readyMs: median(s.ready) },
      floorImportMs: median(s.floorImports),
      ratio: median(s.ratios),
    })),
    floor: { importMs: median(floorAll.imports), readyMs: median(floorAll.ready) },
  };
}

/** Medians over `runs` rounds; each round imports every bundle once (round-robin, so load drift hits all alike). */
function coldImports(files: string[], runs: number, sourceMaps: boolean): Timing[] {
  const samples = files.map(() => ({ imports: [] as number[], ready: [] as number[] }));
  for (let r = 0; r < runs; r++) {
    files.forEach((file, i) => {
      const t = importOnce(file, sourceMaps);
      samples[i]!.imports.push(t.importMs);
      samples[i]!.ready.push(t.readyMs);
    });
  }
  return samples.map((s) => ({ importMs: median(s.imports), readyMs: median(s.ready) }));
}

runSection('bundles', async ({ quick, log }) => {
  // 25 paired rounds: a bundle's ratio moves ±0.04 between runs at 15 on this shared 2-core machine.
  const runs = quick ? 5 : 25;
  const emptyDir = path.join(outRoot, '_empty');
  mkdirSync(emptyDir, { recursive: true });
  const emptyEntry = path.join(emptyDir, 'empty-handler.ts');
  writeFileSync(emptyEntry, 'export const handler = async () => ({ statusCode: 200, body: "" });\n');
  const empty: Fn = { name: 'empty handler', entry: path.relative(repoRoot, emptyEntry) };
  const floor: Fn = { name: 'floor: one GetItem (lib-dynamodb)', entry: 'bench/support/floor-handler.ts' };

  const fns = functionsToBundle();
  const get = fns.find((f) => f.name === 'getCustomer');
  const variants: Fn[] = [empty, floor, ...fns, ...(get ? [{ name: 'getCustomer, AWS SDK external', entry: get.entry, external: ['@aws-sdk/*'] }] : [])];

  const bundles: Bundle[] = [];
  for (const fn of variants) bundles.push(await bundle(fn, path.join(outRoot, fn.name.replace(/[^A-Za-z0-9]+/g, '-'))));
  const floorIndex = variants.indexOf(floor);
  const others = variants.map((_, i) => i).filter((i) => i !== floorIndex);
  log(`${variants.length} bundles built; ${runs} rounds of fresh imports with source maps, each bundle paired with the floor, then ${runs} without`);
  const paired = pairedWithFloor(bundles[floorIndex]!.file, others.map((i) => bundles[i]!.file), runs);
  const vsFloor = variants.map((_, i) => (i === floorIndex ? undefined : paired.pairs[others.indexOf(i)]!));
  const noMaps = coldImports(bundles.map((b) => b.file), runs, false);
  const rows = variants.map((fn, i) => ({
    fn,
    ...bundles[i]!,
    withMaps: vsFloor[i]?.timing ?? paired.floor,
    vsFloor: vsFloor[i],
    noMaps: noMaps[i]!,
  }));
  const base = rows[0]!;
  const floorRow = rows[floorIndex]!;
  const x = (a: number, b: number) => `${(a / b).toFixed(1)}×`;
  const label = (r: (typeof rows)[number]) => (r.fn.external || r.fn === empty || r.fn === floor ? r.fn.name : `\`${r.fn.name}\` (${r.fn.entry})`);
  const render = (r: (typeof rows)[number]) => [
    label(r),
    bytes(r.size),
    bytes(r.gzip),
    bytes(r.mapSize),
    ms(r.withMaps.importMs),
    x(r.withMaps.importMs, base.withMaps.importMs),
    ms(r.withMaps.readyMs),
    x(r.withMaps.readyMs, base.withMaps.readyMs),
    ms(r.noMaps.importMs),
  ];

  const kib = (n: number) => `${n >= 0 ? '+' : '−'}${(Math.abs(n) / 1024).toFixed(1)} KiB`;
  const verdict = (extra: number, ratio: number) => {
    const misses = [extra > targets.extraBytes ? 'size' : '', ratio > targets.importRatio ? 'import' : ''].filter(Boolean);
    return misses.length ? `**fail** (${misses.join(', ')})` : 'pass';
  };
  const floorRows = rows.filter((r) => r !== floorRow);
  const httpRows = floorRows.filter((r) => r.fn.http && !r.fn.external);
  const passing = httpRows.filter((r) => r.size - floorRow.size <= targets.extraBytes && r.vsFloor!.ratio <= targets.importRatio);
  const worst = <T,>(list: T[], by: (t: T) => number) => list.reduce((a, b) => (by(b) > by(a) ? b : a));
  const biggest = httpRows.length ? worst(httpRows, (r) => r.size) : undefined;
  const slowest = httpRows.length ? worst(httpRows, (r) => r.vsFloor!.ratio) : undefined;
  const floorTable = table(
    ['function', 'minified', 'bundle − floor', 'data files beside it', 'import (maps on)', 'floor, same rounds', 'import ÷ floor', `target (≤ ${targets.extraBytes / 1024} KiB, ≤ ${targets.importRatio}×)`],
    [
      [floorRow.fn.name, bytes(floorRow.size), '—', '—', ms(floorRow.withMaps.importMs), '—', '1.00×', '—'],
      ...floorRows.map((r) => [
        label(r),
        bytes(r.size),
        kib(r.size - floorRow.size),
        r.dataFiles.length ? `${bytes(r.dataFileBytes)} (${r.dataFiles.map((f) => path.basename(f)).join(', ')})` : '—',
        ms(r.withMaps.importMs),
        ms(r.vsFloor!.floorImportMs),
        `${r.vsFloor!.ratio.toFixed(2)}×`,
        r.fn.http && !r.fn.external ? verdict(r.size - floorRow.size, r.vsFloor!.ratio) : r.fn.external || r.fn === empty ? '— (reference)' : '— (not an HTTP function)',
      ]),
    ],
  );

  const sdkRow = rows.find((r) => r.fn.external);
  const composition = rows
    .filter((r) => r.fn !== empty && !r.fn.external)
    .map((r) => {
      const top = [...r.origins.entries()].sort((a, b) => b[1] - a[1]).slice(0, 6);
      return `- \`${r.fn.name}\`: ${top.map(([origin, n]) => `${origin} ${bytes(n)}`).join(', ')}`;
    });
  const getRow = rows.find((r) => r.fn === get);
  return [
    `Each function bundled with \`esbuildOptions\` from \`infra/bundling.ts\` (what CDK's NodejsFunction uses: minified ESM, node24,`,
    `source map without sources). Import time: a fresh \`node\` process runs \`await import(bundle)\`; "ready" is`,
    `process start → handler exported (Node's own boot included). Deployed functions run with \`NODE_OPTIONS=--enable-source-maps\``,
    `(infra/constructs/fieldbook-function.ts), so the import figures and ratios use that; the last column of the second table is the same import without source maps.`,
    '',
    `**Against the floor** (issue 8, "lean functions"): the floor is \`bench/support/floor-handler.ts\`, one \`GetItem\` through \`lib-dynamodb\``,
    `(DynamoDBDocumentClient over DynamoDBClient, client built on first call as \`lib/store/client.ts\` does), bundled the same way.`,
    `Each of ${runs} rounds imports the floor and the function back to back in fresh processes (order alternating by round);`,
    `"import ÷ floor" is the median of the per-round ratios, "floor, same rounds" the floor's median in those rounds.`,
    `Every HTTP function must stay within ${targets.extraBytes / 1024} KiB of the floor's bundle and ${targets.importRatio}× its import.`,
    `Generated tables a function reads only when it needs them (the phone calling codes, the ZIP centroids) are data files shipped beside`,
    `the bundle (\`infra/data-files.json\`), read on first use, never at import: they count in "data files beside it", not in the bundle.`,
    '',
    floorTable,
    '',
    httpRows.length
      ? `${passing.length} of ${httpRows.length} HTTP functions meet both targets. Largest: \`${biggest!.fn.name}\` at ${kib(biggest!.size - floorRow.size)} over the floor; slowest: \`${slowest!.fn.name}\` at ${slowest!.vsFloor!.ratio.toFixed(2)}× the floor's import.`
      : '',
    '',
    `**All bundles** (import with source maps: median of ${runs} runs, each paired with the floor as above; without: ${runs} round-robin rounds, each importing every bundle once):`,
    '',
    table(
      ['function', 'minified', 'gzip', 'source map', 'import (maps on)', '÷ empty', 'ready', '÷ empty', 'import (maps off)'],
      rows.map(render),
    ),
    '',
    sdkRow && getRow
      ? [
          `**AWS SDK bundled vs external** (getCustomer): bundled, the function is ${bytes(getRow.size)} and imports in ${ms(getRow.withMaps.importMs)};`,
          `with \`@aws-sdk/*\` left to the runtime it is ${bytes(sdkRow.size)} and imports in ${ms(sdkRow.withMaps.importMs)} (${x(sdkRow.withMaps.importMs, getRow.withMaps.importMs)}`,
          `the bundled time; here the SDK is loaded from the project's node_modules, standing in for the runtime's copy).`,
          sdkRow.withMaps.importMs < getRow.withMaps.importMs * 0.9
            ? 'Leaving the SDK out imported faster in this run: the bundling decision in infra/bundling.ts deserves a second look.'
            : sdkRow.withMaps.importMs > getRow.withMaps.importMs * 1.1
              ? "Bundling the SDK imported faster in this run, which backs the decision in infra/bundling.ts (and it pins the SDK version we test)."
              : 'The two are within 10% of each other in this run: import time does not decide it; bundling pins the SDK version we test.',
        ].join('\n')
      : '',
    '',
    '**What each bundle is made of** (largest origins, bytes in the minified output, from esbuild\'s metafile):',
    '',
    ...composition,
  ].join('\n');
});
