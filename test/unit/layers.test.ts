import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

/**
 * The layer rules (.dependency-cruiser.cjs) hold on lib/ and functions/.
 * Violations older than a rule would be listed in the known-violations file
 * (empty since the entity declarations moved to lib/model); a new one fails
 * here, so that list can only shrink.
 */
const root = path.resolve(fileURLToPath(new URL('../..', import.meta.url)));
const knownFile = '.dependency-cruiser-known-violations.json';
const bin = path.join(root, 'node_modules', '.bin', 'depcruise');

function depcruise(cwd: string, config: string, ...extra: string[]) {
  const out = spawnSync(bin, ['lib', 'functions', '--config', config, '--output-type', 'json', ...extra], {
    cwd,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (!out.stdout) throw new Error(`depcruise produced no output: ${out.stderr}`);
  const result = JSON.parse(out.stdout) as { summary: { violations: { rule: { name: string; severity: string }; from: string; to: string }[] } };
  // Known violations come back with severity 'ignore'.
  return result.summary.violations.filter((v) => v.rule.severity !== 'ignore').map((v) => `${v.rule.name}: ${v.from} → ${v.to}`);
}

/**
 * One probe per rule: a pair of files in a scratch tree laid out like the
 * repository, the first importing the second across the forbidden edge.
 */
const probes: [rule: string, from: string, to: string][] = [
  ['no-circular', 'lib/customers/a.ts', 'lib/customers/b.ts'],
  ['lib-not-to-entry-points', 'lib/customers/a.ts', 'functions/customers/b.ts'],
  ['functions-not-to-functions', 'functions/customers/a.ts', 'functions/locations/b.ts'],
  ['domain-not-to-http-or-lambda', 'lib/customers/a.ts', 'lib/http/b.ts'],
  ['store-not-to-domain', 'lib/store/a.ts', 'lib/customers/b.ts'],
  ['http-not-to-store', 'lib/http/a.ts', 'lib/store/b.ts'],
  ['http-not-to-entities', 'lib/http/a.ts', 'lib/locations/b.ts'],
  ['model-imports-no-layer', 'lib/model/a.ts', 'lib/store/b.ts'],
  ['phone-rules-stay-neutral', 'lib/phone/a.ts', 'lib/errors.ts'],
  ['neutral-modules-stay-neutral', 'lib/retry-policy.ts', 'lib/store/b.ts'],
];

const scratch = mkdtempSync(path.join(tmpdir(), 'fieldbook-layers-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function probeTree(from: string, to: string, circular: boolean): string {
  const dir = mkdtempSync(path.join(scratch, 'probe-'));
  const write = (file: string, text: string) => {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    writeFileSync(path.join(dir, file), text);
  };
  const rel = (a: string, b: string) => {
    const r = path.relative(path.dirname(a), b).replace(/\.ts$/, '.js');
    return r.startsWith('.') ? r : `./${r}`;
  };
  for (const top of ['lib', 'functions']) mkdirSync(path.join(dir, top), { recursive: true });
  write(from, `import { b } from '${rel(from, to)}';\nexport const a = b;\n`);
  write(to, circular ? `import { a } from '${rel(to, from)}';\nexport const b = () => a;\n` : 'export const b = 1;\n');
  write('tsconfig.json', JSON.stringify({ compilerOptions: { module: 'NodeNext', moduleResolution: 'NodeNext' } }));
  return dir;
}

describe('layers point one way', () => {
  it('no dependency breaks a rule, beyond the known violations being worked off', () => {
    expect(depcruise(root, '.dependency-cruiser.cjs', '--ignore-known', knownFile)).toEqual([]);
  }, 60_000);

  it.each(probes)('the checker fires on a probe of %s (%s → %s)', (rule, from, to) => {
    const dir = probeTree(from, to, rule === 'no-circular');
    const found = depcruise(dir, path.join(root, '.dependency-cruiser.cjs'));
    expect(found).toContain(`${rule}: ${from} → ${to}`);
  }, 60_000);
});
