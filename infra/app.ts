import { App } from 'aws-cdk-lib';
import { addNagChecks } from './nag.js';
import { readSettings } from './settings.js';
import { FieldbookStack } from './stack.js';

/**
 * The CDK app (cdk.json: `npx tsx infra/app.ts`). One stack,
 * "Fieldbook", or "Fieldbook-<stage>" with `-c stage=<stage>`, in us-east-1
 * (infra/stack.ts says why); the account comes from the deploying credentials.
 * Knobs: infra/settings.ts. cdk-nag checks every synth (infra/nag.ts).
 */
const app = new App();
const { stage } = readSettings(app.node);
new FieldbookStack(app, stage ? `Fieldbook-${stage}` : 'Fieldbook', {
  description: 'Fieldbook: customers and service locations API',
  tags: { project: 'fieldbook', ...(stage ? { stage } : {}) },
});
addNagChecks(app);
