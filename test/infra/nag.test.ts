import { readFileSync } from 'node:fs';
import path from 'node:path';
import { App } from 'aws-cdk-lib';
import { beforeAll, describe, expect, it } from 'vitest';
import { addNagChecks } from '../../infra/nag.js';
import { FieldbookStack } from '../../infra/stack.js';

const cdkJsonContext = (JSON.parse(readFileSync(new URL('../../cdk.json', import.meta.url), 'utf8')) as { context?: Record<string, unknown> })
  .context;

interface Violation {
  ruleName: string;
  description: string;
  severity: string;
  violatingConstructs: { constructPath: string }[];
}

/** Synthesizes the app as infra/app.ts does, nag included; the findings are in the assembly's validation report. */
function synthWithNag(): { findings: string[]; error?: string } {
  const app = new App({ context: { ...cdkJsonContext, 'aws:cdk:bundling-stacks': [] } });
  new FieldbookStack(app, 'Fieldbook');
  addNagChecks(app);
  let error: string | undefined;
  try {
    app.synth();
  } catch (err) {
    error = String(err);
  }
  const report = JSON.parse(readFileSync(path.join(app.outdir, 'validation-report.json'), 'utf8')) as {
    pluginReports: { pluginName: string; violations: Violation[] }[];
  };
  const findings = report.pluginReports.flatMap((p) =>
    p.violations.flatMap((v) => v.violatingConstructs.map((c) => `${v.severity} ${v.ruleName} ${c.constructPath}`)),
  );
  return { findings, error };
}

let result: ReturnType<typeof synthWithNag>;
beforeAll(() => {
  result = synthWithNag();
}, 300_000);

describe('cdk-nag (AwsSolutionsChecks)', () => {
  it('runs on the app and reports no unacknowledged error or warning', () => {
    expect(result.findings).toEqual([]);
    expect(result.error).toBeUndefined();
  });
});
