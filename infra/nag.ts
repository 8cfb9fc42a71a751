import { Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import type { Construct } from 'constructs';

/**
 * cdk-nag's AWS Solutions rules as a synth-time policy validation: `cdk synth`
 * (and the infra test) fail on any finding that is neither fixed nor
 * acknowledged with a written reason (`Validations.of(x).acknowledge`, next
 * to the construct it is about).
 */
export function addNagChecks(app: Construct): void {
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
}
