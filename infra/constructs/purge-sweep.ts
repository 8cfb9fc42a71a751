import { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import { Construct } from 'constructs';
import { FieldbookFunction } from './fieldbook-function.js';
import type { FieldbookParts } from './fieldbook-parts.js';

/** How often the sweep runs: a trashed customer is erased at most this long after its 30 days. */
export const purgeSweepRate = Duration.hours(1);

/**
 * Erases trashed customers 30 days after deletion: an EventBridge schedule
 * runs a function that reads the due entries (one Query of the PURGE_DUE
 * partition) and erases each customer with everything it owns
 * (lib/customers/lifecycle.ts). A failed erasure stays due, so the next run
 * retries it; an alarm fires when a run fails outright.
 */
export class PurgeSweep extends Construct {
  readonly function: FieldbookFunction;
  readonly errorAlarm: cloudwatch.Alarm;

  constructor(scope: Construct, id: string, parts: Pick<FieldbookParts, 'table'>) {
    super(scope, id);
    this.function = new FieldbookFunction(this, 'Function', {
      entry: 'functions/customers/purge-sweep.ts',
      description: 'Erases trashed customers past their 30 days (scheduled)',
      // A run erases at most 100 customers, each a few requests plus its locations in batches.
      timeout: Duration.minutes(5),
      memorySize: 512,
    }).bindTable(parts.table, 'erase');
    new events.Rule(this, 'Schedule', {
      description: 'Hourly sweep of the customer trash',
      schedule: events.Schedule.rate(purgeSweepRate),
      targets: [new targets.LambdaFunction(this.function, { retryAttempts: 2 })],
    });
    this.errorAlarm = new cloudwatch.Alarm(this, 'ErrorAlarm', {
      alarmDescription: 'The purge sweep failed: trashed customers past 30 days may not be erased',
      metric: this.function.metricErrors({ period: Duration.hours(1) }),
      threshold: 1,
      evaluationPeriods: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });
  }
}
