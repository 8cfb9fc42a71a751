import { AspectPriority, Aspects, CfnOutput, Stack, type StackProps } from 'aws-cdk-lib';
import type { TableV2 } from 'aws-cdk-lib/aws-dynamodb';
import type { Construct } from 'constructs';
import { FieldbookApi } from './constructs/api.js';
import { DocsSite } from './constructs/docs-site.js';
import { FieldbookEdge } from './constructs/edge.js';
import type { FieldbookParts } from './constructs/fieldbook-parts.js';
import { GeocodingPipeline } from './constructs/geocoding-pipeline.js';
import { Monitoring } from './constructs/monitoring.js';
import { OriginVerify, originVerifyHeader } from './constructs/origin-verify.js';
import { PurgeSweep } from './constructs/purge-sweep.js';
import { FieldbookTable } from './constructs/table.js';
import { EdgeWebAcl } from './constructs/web-acl.js';
import { LogRetentionPolicy } from './log-retention.js';
import { readSettings } from './settings.js';

/**
 * The one region the stack deploys to. A WAF WebACL for CloudFront (scope
 * CLOUDFRONT) can only be created in us-east-1, and so can a CloudFront
 * certificate later; one stack there keeps one deploy, with no cross-region
 * references (docs/infra.md).
 */
export const stackRegion = 'us-east-1';

/**
 * Fieldbook: the table, one Lambda per route behind an HTTP API, CloudFront in
 * front with a WAF, alarms. Pinned to us-east-1 but account-agnostic, with no
 * lookups, so it synthesizes offline.
 */
export class FieldbookStack extends Stack implements FieldbookParts {
  readonly table: TableV2;
  readonly api: FieldbookApi;
  readonly edge: FieldbookEdge;
  readonly webAcl: EdgeWebAcl;
  readonly originVerify: OriginVerify;
  readonly monitoring: Monitoring;

  constructor(scope: Construct, id: string, props?: StackProps) {
    if (props?.env?.region !== undefined && props.env.region !== stackRegion) {
      throw new Error(`FieldbookStack deploys to ${stackRegion} only (its WAF protects CloudFront), not ${props.env.region}`);
    }
    super(scope, id, { ...props, env: { ...props?.env, region: stackRegion } });

    this.table = new FieldbookTable(this, 'Data').table;
    this.api = new FieldbookApi(this, 'Api', { table: this.table });
    this.originVerify = new OriginVerify(this, 'OriginVerify');
    for (const fn of [...this.api.functions.values(), this.api.fallback]) this.originVerify.expectIn(fn);
    this.webAcl = new EdgeWebAcl(this, 'Firewall');
    this.edge = new FieldbookEdge(this, 'Edge', {
      httpApi: this.api.httpApi,
      comment: `Fieldbook API (${this.stackName})`,
      originVerify: { header: originVerifyHeader, value: this.originVerify.value },
      webAclArn: this.webAcl.arn,
    });

    // Capabilities that build on the parts above: one line each, `new Thing(this, 'Thing', this)`.
    new DocsSite(this, 'Docs', this);
    const geocoding = new GeocodingPipeline(this, 'Geocoding', this);
    const purgeSweep = new PurgeSweep(this, 'PurgeSweep', this);
    this.monitoring = new Monitoring(this, 'Monitoring', {
      api: this.api,
      functions: [...this.api.functions.values(), this.api.fallback, geocoding.worker, purgeSweep.function],
      alarms: [geocoding.deadLetterAlarm, purgeSweep.errorAlarm],
    });

    Aspects.of(this).add(new LogRetentionPolicy(readSettings(this.node).logRetention), { priority: AspectPriority.MUTATING });

    new CfnOutput(this, 'ApiUrl', {
      description: 'HTTP API (execute-api), REST paths only; answers 403 to requests that do not come through CloudFront',
      value: this.api.httpApi.apiEndpoint,
    });
    new CfnOutput(this, 'DistributionUrl', { description: 'CloudFront: REST paths and seed-000 query URLs', value: this.edge.url });
    new CfnOutput(this, 'TableName', { description: 'For `npm run keys` against the cloud (TABLE_NAME)', value: this.table.tableName });
    new CfnOutput(this, 'TableStreamArn', { description: 'The table stream (geocoding outbox)', value: this.table.tableStreamArn! });
    new CfnOutput(this, 'AlarmTopicArn', { description: 'SNS topic every alarm notifies (subscribe to it)', value: this.monitoring.topic.topicArn });
  }
}
