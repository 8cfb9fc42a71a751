import { Duration, Stack, Validations } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import { Construct } from 'constructs';
import { readSettings } from '../settings.js';
import type { FieldbookApi } from './api.js';
import type { FieldbookFunction } from './fieldbook-function.js';

/** Thresholds: what "something is wrong" means for this API. */
export const alarmThresholds = {
  /** Percent of requests answered 5xx over 5 minutes, in 2 of 3 periods: a 500 is a bug, a 503 an outage. */
  serverErrorRatePercent: 1,
  /** p99 of API Gateway's latency over 5 minutes, 3 periods running: well above a cold start, well under the 10 s timeout. */
  latencyP99Ms: 2500,
} as const;

export interface MonitoringProps {
  api: FieldbookApi;
  /** Every function whose throttling should page (the API's and the geocode worker). */
  functions: readonly FieldbookFunction[];
  /** Alarms made elsewhere (the geocoding dead-letter alarm) that should notify the same topic. */
  alarms?: readonly cloudwatch.Alarm[];
}

/**
 * The alarms of the stack and the SNS topic they notify (with an e-mail
 * subscription when the `alarmEmail` context is set):
 *  - API 5xx rate (HTTP API stage metrics);
 *  - API Gateway throttling (429s of the stage throttle, counted from the
 *    access log: HTTP APIs publish no throttle metric, and no function
 *    answers 429, so every 429 there is the gateway's);
 *  - Lambda throttles, one alarm per function;
 *  - API p99 latency;
 *  - plus any alarm handed in (the geocoding dead-letter queue).
 * The edge's rate-limit blocks are WAF metrics (AWS/WAFV2, per rule), not
 * alarms: a tenant hitting its limit is the limit working.
 */
export class Monitoring extends Construct {
  readonly topic: sns.Topic;
  readonly serverErrorRate: cloudwatch.Alarm;
  readonly apiThrottles: cloudwatch.Alarm;
  readonly latencyP99: cloudwatch.Alarm;
  readonly functionThrottles: ReadonlyMap<FieldbookFunction, cloudwatch.Alarm>;

  constructor(scope: Construct, id: string, props: MonitoringProps) {
    super(scope, id);
    const { alarmEmail } = readSettings(this.node);
    const stage = props.api.stage;
    const fiveMinutes = Duration.minutes(5);

    this.topic = new sns.Topic(this, 'Topic', { displayName: `Fieldbook alarms (${Stack.of(this).stackName})`, enforceSSL: true });
    if (alarmEmail) this.topic.addSubscription(new subscriptions.EmailSubscription(alarmEmail));
    Validations.of(this.topic).acknowledge({
      id: 'AwsSolutions-SNS2',
      reason:
        'Alarm notifications carry alarm names and states, no customer data; CloudWatch cannot publish to a topic under the AWS managed SNS key, and a customer managed key for this alone is not worth its cost.',
    });

    this.serverErrorRate = new cloudwatch.Alarm(this, 'ServerErrorRate', {
      alarmDescription: `More than ${alarmThresholds.serverErrorRatePercent}% of API requests answered 5xx (500: a bug, see the function logs; 503: the table throttled or was unreachable).`,
      metric: new cloudwatch.MathExpression({
        label: '5xx rate (%)',
        expression: 'IF(requests > 0, 100 * errors / requests, 0)',
        usingMetrics: {
          errors: stage.metricServerError({ period: fiveMinutes, statistic: cloudwatch.Stats.SUM }),
          requests: stage.metricCount({ period: fiveMinutes, statistic: cloudwatch.Stats.SUM }),
        },
        period: fiveMinutes,
      }),
      threshold: alarmThresholds.serverErrorRatePercent,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
      evaluationPeriods: 3,
      datapointsToAlarm: 2,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });

    const throttled = new logs.MetricFilter(this, 'ApiThrottledFilter', {
      logGroup: props.api.accessLogs,
      filterPattern: logs.FilterPattern.stringValue('$.status', '=', '429'),
      metricNamespace: `Fieldbook/${Stack.of(this).stackName}`,
      metricName: 'ApiGatewayThrottled',
      metricValue: '1',
      defaultValue: 0,
    });
    this.apiThrottles = new cloudwatch.Alarm(this, 'ApiThrottles', {
      alarmDescription:
        'API Gateway answered 429: the stage throttle (throttleRateLimit / throttleBurstLimit) is reached for everyone. Raise it, or lower the per-key limit at the edge.',
      metric: throttled.metric({ period: fiveMinutes, statistic: cloudwatch.Stats.SUM }),
      threshold: 0,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
      evaluationPeriods: 1,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });

    const functionThrottles = new Map<FieldbookFunction, cloudwatch.Alarm>();
    for (const fn of props.functions) {
      functionThrottles.set(
        fn,
        new cloudwatch.Alarm(this, `${fn.node.id}Throttles`, {
          alarmDescription: `Lambda throttled ${fn.node.path}: the account's (or the function's reserved) concurrency is exhausted.`,
          metric: fn.metricThrottles({ period: fiveMinutes, statistic: cloudwatch.Stats.SUM }),
          threshold: 0,
          comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
          evaluationPeriods: 1,
          treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
        }),
      );
    }
    this.functionThrottles = functionThrottles;

    this.latencyP99 = new cloudwatch.Alarm(this, 'LatencyP99', {
      alarmDescription: `API p99 latency above ${alarmThresholds.latencyP99Ms} ms for 15 minutes.`,
      metric: stage.metricLatency({ period: fiveMinutes, statistic: cloudwatch.Stats.p(99) }),
      threshold: alarmThresholds.latencyP99Ms,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
      evaluationPeriods: 3,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });

    const action = new SnsAction(this.topic);
    for (const alarm of [this.serverErrorRate, this.apiThrottles, this.latencyP99, ...functionThrottles.values(), ...(props.alarms ?? [])]) {
      alarm.addAlarmAction(action);
      alarm.addOkAction(action);
    }
  }
}
