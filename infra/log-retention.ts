import type { IAspect } from 'aws-cdk-lib';
import { CfnLogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { IConstruct } from 'constructs';

/**
 * Gives every log group in the stack the one configured retention, including
 * those CDK creates for its own custom-resource handlers (which would keep
 * logs for two years).
 */
export class LogRetentionPolicy implements IAspect {
  constructor(private readonly retention: RetentionDays) {}

  visit(node: IConstruct): void {
    if (node instanceof CfnLogGroup) {
      node.retentionInDays = this.retention === RetentionDays.INFINITE ? undefined : this.retention;
    }
  }
}
