import { App } from 'aws-cdk-lib';
import { readSettings } from './settings.js';
import { FieldbookStack } from './stack.js';

/**
 * The CDK app (cdk.json: `npx tsx infra/app.ts`). One env-agnostic stack,
 * "Fieldbook", or "Fieldbook-<stage>" with `-c stage=<stage>`; the account and
 * region come from the deploying credentials. Knobs: infra/settings.ts.
 */
const app = new App();
const { stage } = readSettings(app.node);
new FieldbookStack(app, stage ? `Fieldbook-${stage}` : 'Fieldbook', {
  description: 'Fieldbook: customers and service locations API',
  tags: { project: 'fieldbook', ...(stage ? { stage } : {}) },
});
