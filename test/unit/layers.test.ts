import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/**
 * The layer rules (.dependency-cruiser.cjs) hold on lib/ and functions/.
 * Violations older than a rule are listed in the known-violations file; a new
 * one fails here, so that list can only shrink.
 */
const root = path.resolve(fileURLToPath(new URL('../..', import.meta.url)));
const knownFile = '.dependency-cruiser-known-violations.json';

function depcruise(...extra: string[]) {
  const bin = path.join(root, 'node_modules', '.bin', 'depcruise');
  const out = spawnSync(bin, ['lib', 'functions', '--config', '.dependency-cruiser.cjs', '--output-type', 'json', ...extra], {
    cwd: root,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (!out.stdout) throw new Error(`depcruise produced no output: ${out.stderr}`);
  const result = JSON.parse(out.stdout) as { summary: { violations: { rule: { name: string; severity: string }; from: string; to: string }[] } };
  // Known violations come back with severity 'ignore'.
  return result.summary.violations.filter((v) => v.rule.severity !== 'ignore').map((v) => `${v.rule.name}: ${v.from} → ${v.to}`);
}

describe('layers point one way', () => {
  it('no dependency breaks a rule, beyond the known violations being worked off', () => {
    expect(depcruise('--ignore-known', knownFile)).toEqual([]);
  }, 60_000);

  it('the checker does find violations: without the known list, exactly the known ones are reported', () => {
    const known = (JSON.parse(readFileSync(path.join(root, knownFile), 'utf8')) as { rule: { name: string }; from: string; to: string }[]).map(
      (v) => `${v.rule.name}: ${v.from} → ${v.to}`,
    );
    expect(depcruise().sort()).toEqual(known.sort());
  }, 60_000);
});
