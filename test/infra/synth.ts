import { readFileSync } from 'node:fs';
import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { FieldbookStack } from '../../infra/stack.js';

/** cdk.json's context (feature flags), so tests see the template `npx cdk synth` makes. */
const cdkJsonContext = (JSON.parse(readFileSync(new URL('../../cdk.json', import.meta.url), 'utf8')) as { context?: Record<string, unknown> })
  .context;

/**
 * Synthesizes the Fieldbook stack as the CDK app does. Bundling (esbuild, every
 * function) is the slow part: call once per file, in beforeAll. `bundle: false`
 * skips it for tests that only read settings.
 */
export function synthFieldbook(options: { context?: Record<string, unknown>; bundle?: boolean } = {}) {
  const app = new App({
    context: {
      ...cdkJsonContext,
      ...(options.bundle === false ? { 'aws:cdk:bundling-stacks': [] } : {}),
      ...options.context,
    },
  });
  const stack = new FieldbookStack(app, 'Fieldbook');
  const template = Template.fromStack(stack);
  return { app, stack, template };
}

export type CfnResource = { Type: string; Properties?: Record<string, unknown>; Metadata?: Record<string, unknown>; [k: string]: unknown };
