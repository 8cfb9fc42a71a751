import { AspectPriority, Aspects, CfnOutput, Stack, type StackProps } from 'aws-cdk-lib';
import type { TableV2 } from 'aws-cdk-lib/aws-dynamodb';
import type { Construct } from 'constructs';
import { FieldbookApi } from './constructs/api.js';
import { DocsSite } from './constructs/docs-site.js';
import { FieldbookEdge } from './constructs/edge.js';
import type { FieldbookParts } from './constructs/fieldbook-parts.js';
import { GeocodingPipeline } from './constructs/geocoding-pipeline.js';
import { FieldbookTable } from './constructs/table.js';
import { LogRetentionPolicy } from './log-retention.js';
import { readSettings } from './settings.js';

/**
 * Fieldbook: the table, one Lambda per route behind an HTTP API, CloudFront in
 * front. Env-agnostic (no account/region lookups), so it synthesizes offline.
 */
export class FieldbookStack extends Stack implements FieldbookParts {
  readonly table: TableV2;
  readonly api: FieldbookApi;
  readonly edge: FieldbookEdge;

  constructor(scope: Construct, id: string, props?: StackProps) {
    super(scope, id, props);

    this.table = new FieldbookTable(this, 'Data').table;
    this.api = new FieldbookApi(this, 'Api', { table: this.table });
    this.edge = new FieldbookEdge(this, 'Edge', { httpApi: this.api.httpApi, comment: `Fieldbook API (${this.stackName})` });

    // Capabilities that build on the parts above: one line each, `new Thing(this, 'Thing', this)`.
    new DocsSite(this, 'Docs', this);
    new GeocodingPipeline(this, 'Geocoding', this);

    Aspects.of(this).add(new LogRetentionPolicy(readSettings(this.node).logRetention), { priority: AspectPriority.MUTATING });

    new CfnOutput(this, 'ApiUrl', { description: 'HTTP API (execute-api), REST paths only', value: this.api.httpApi.apiEndpoint });
    new CfnOutput(this, 'DistributionUrl', { description: 'CloudFront: REST paths and seed-000 query URLs', value: this.edge.url });
    new CfnOutput(this, 'TableName', { description: 'For `npm run keys` against the cloud (TABLE_NAME)', value: this.table.tableName });
    new CfnOutput(this, 'TableStreamArn', { description: 'The table stream (geocoding outbox)', value: this.table.tableStreamArn! });
  }
}
