import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { type App, Stack } from 'aws-cdk-lib';
import { Match, type Template } from 'aws-cdk-lib/assertions';
import type { CfnFunction } from 'aws-cdk-lib/aws-lambda';
import { beforeAll, describe, expect, it } from 'vitest';
import { FieldbookFunction } from '../../infra/constructs/fieldbook-function.js';
import { settingDefaults } from '../../infra/settings.js';
import type { FieldbookStack } from '../../infra/stack.js';
import { seedUrlRewritePath } from '../../lib/edge/seed-url-rewrite.js';
import { routeList } from '../../lib/routes.js';
import { createTableInput, tableDefinition } from '../../lib/store/table.js';
import { synthFieldbook, type CfnResource } from './synth.js';

// What each kind of route may do to the table — written out here, not imported
// from the construct under test.
const READ_ACTIONS = ['dynamodb:BatchGetItem', 'dynamodb:ConditionCheckItem', 'dynamodb:GetItem', 'dynamodb:Query'];
const WRITE_ACTIONS = ['dynamodb:DeleteItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem'];
const MANAGED_CACHING_DISABLED = '4135ea2d-6df8-44a3-9df3-4b5a84be39ad';
const MANAGED_ALL_VIEWER_EXCEPT_HOST = 'b689b0a8-53d0-40ab-baf2-68738e2966ac';

interface Statement {
  Effect: string;
  Action: string | string[];
  Resource: unknown;
}

let app: App;
let stack: FieldbookStack;
let template: Template;
let outdir: string;
let resources: Record<string, CfnResource>;

beforeAll(() => {
  const synth = synthFieldbook();
  app = synth.app;
  stack = synth.stack;
  template = synth.template;
  outdir = synth.app.outdir;
  resources = template.toJSON().Resources as Record<string, CfnResource>;
  // esbuild bundles every function in series; generous, as a loaded 2-core machine makes it slow.
}, 600_000);

const ofType = (type: string) => Object.entries(resources).filter(([, r]) => r.Type === type);
const props = (logicalId: string) => resources[logicalId]!.Properties as Record<string, any>;
const houseFunctions = () => stack.node.findAll().filter((c): c is FieldbookFunction => c instanceof FieldbookFunction);
const logicalIdOf = (fn: FieldbookFunction) => stack.getLogicalId(fn.node.defaultChild as CfnFunction);
const list = <T>(v: T | T[]) => (Array.isArray(v) ? v : [v]);
const readAssetManifest = () =>
  JSON.parse(readFileSync(path.join(outdir, `${stack.artifactId}.assets.json`), 'utf8')) as {
    dockerImages?: Record<string, unknown>;
    files: Record<string, { source: { path: string; packaging?: string } }>;
  };
const tableLogicalId = () => ofType('AWS::DynamoDB::GlobalTable')[0]![0];

/** Every IAM statement attached to the function's execution role. */
function statementsOf(functionLogicalId: string): Statement[] {
  const roleId = props(functionLogicalId).Role['Fn::GetAtt'][0] as string;
  return ofType('AWS::IAM::Policy')
    .filter(([, p]) => (p.Properties!.Roles as { Ref: string }[]).some((r) => r.Ref === roleId))
    .flatMap(([, p]) => (p.Properties!.PolicyDocument as { Statement: Statement[] }).Statement);
}
const dynamoActionsOf = (functionLogicalId: string) =>
  [...new Set(statementsOf(functionLogicalId).flatMap((s) => list(s.Action)).filter((a) => a.startsWith('dynamodb:')))].sort();

describe('table', () => {
  it('is one on-demand table keyed pk/sk with a new+old-image stream, PITR, deletion protection and TTL', () => {
    template.resourceCountIs('AWS::DynamoDB::GlobalTable', 1);
    template.hasResourceProperties('AWS::DynamoDB::GlobalTable', {
      BillingMode: 'PAY_PER_REQUEST',
      KeySchema: [
        { AttributeName: 'pk', KeyType: 'HASH' },
        { AttributeName: 'sk', KeyType: 'RANGE' },
      ],
      StreamSpecification: { StreamViewType: 'NEW_AND_OLD_IMAGES' },
      TimeToLiveSpecification: { AttributeName: tableDefinition.ttlAttribute, Enabled: true },
      Replicas: [
        Match.objectLike({
          DeletionProtectionEnabled: true,
          PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
        }),
      ],
    });
  });

  it('is retained when the stack is deleted or the table replaced', () => {
    template.hasResource('AWS::DynamoDB::GlobalTable', { DeletionPolicy: 'Retain', UpdateReplacePolicy: 'Retain' });
  });

  it('has exactly the indexes and attributes DynamoDB Local is created with (lib/store/table.ts)', () => {
    const local = createTableInput('local');
    const cloud = props(tableLogicalId());
    const byName = <T extends { AttributeName?: string; IndexName?: string }>(a: T[]) =>
      [...a].sort((x, y) => String(x.IndexName ?? x.AttributeName).localeCompare(String(y.IndexName ?? y.AttributeName)));
    expect(byName(cloud.AttributeDefinitions)).toEqual(byName(local.AttributeDefinitions!));
    expect(byName(cloud.GlobalSecondaryIndexes)).toEqual(byName(local.GlobalSecondaryIndexes! as never[]));
    // And, spelled out: gsi1 keys only, gsi2 and gsi3 carry location_count.
    expect(cloud.GlobalSecondaryIndexes).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ IndexName: 'gsi1', Projection: { ProjectionType: 'KEYS_ONLY' } }),
        expect.objectContaining({
          IndexName: 'gsi2',
          Projection: { ProjectionType: 'INCLUDE', NonKeyAttributes: ['location_count'] },
        }),
        expect.objectContaining({
          IndexName: 'gsi3',
          Projection: { ProjectionType: 'INCLUDE', NonKeyAttributes: ['location_count'] },
        }),
      ]),
    );
  });
});

describe('functions', () => {
  it('has one function per route of the route table, plus the fallback, behind the API', () => {
    expect(stack.api.functions.size).toBe(routeList.length);
    const apiFunctions = new Set(
      ofType('AWS::ApiGatewayV2::Integration').map(([, i]) => (i.Properties!.IntegrationUri as any)['Fn::GetAtt'][0] as string),
    );
    expect(apiFunctions.size).toBe(routeList.length + 1);
    expect(apiFunctions).toEqual(new Set([...stack.api.functions.values(), stack.api.fallback].map(logicalIdOf)));
  });

  it('runs every Fieldbook function on Node 24, arm64, with source maps and a log group with retention', () => {
    expect(houseFunctions().length).toBeGreaterThanOrEqual(routeList.length + 1);
    for (const fn of houseFunctions()) {
      const p = props(logicalIdOf(fn));
      expect(p.Runtime, fn.node.path).toBe('nodejs24.x');
      expect(p.Architectures, fn.node.path).toEqual(['arm64']);
      expect(p.Handler, fn.node.path).toBe('index.handler');
      expect(p.Environment.Variables.NODE_OPTIONS, fn.node.path).toBe('--enable-source-maps');
      const logGroupId = p.LoggingConfig.LogGroup.Ref as string;
      expect(resources[logGroupId]!.Type).toBe('AWS::Logs::LogGroup');
      expect(props(logGroupId).RetentionInDays, fn.node.path).toBeGreaterThan(0);
    }
  });

  it('has no Lambda function that is not a Fieldbook function, other than CDK custom-resource providers', () => {
    const house = new Set(houseFunctions().map(logicalIdOf));
    const others = ofType('AWS::Lambda::Function').map(([id]) => id).filter((id) => !house.has(id) && !id.startsWith('Custom'));
    expect(others).toEqual([]);
  });

  it('bundles each function locally with esbuild: minified ESM with the AWS SDK inside and a sourcemap without sources', () => {
    const fn = stack.api.functions.get(routeList[0]!.operationId)!;
    const assetHash = (props(logicalIdOf(fn)).Code.S3Key as string).replace(/\.zip$/, '');
    const assetDir = path.join(outdir, readAssetManifest().files[assetHash]!.source.path);
    const code = readFileSync(path.join(assetDir, 'index.mjs'), 'utf8');
    expect(code.length / code.split('\n').length).toBeGreaterThan(1000); // minified: long lines, no indentation
    expect(code).not.toMatch(/from\s*["']@aws-sdk\//); // SDK bundled, not taken from the runtime
    expect(code).toMatch(/\bexport\s*\{/); // ESM
    const map = JSON.parse(readFileSync(path.join(assetDir, 'index.mjs.map'), 'utf8')) as { sourcesContent?: unknown };
    expect(map.sourcesContent).toBeUndefined();
  });

  it('ships beside each bundle exactly the data files it reads, and no metafile', () => {
    const assetOf = (operationId: string) => {
      const fn = stack.api.functions.get(operationId)!;
      const assetHash = (props(logicalIdOf(fn)).Code.S3Key as string).replace(/\.zip$/, '');
      return readdirSync(path.join(outdir, readAssetManifest().files[assetHash]!.source.path)).sort();
    };
    const expected: Record<string, string[]> = {
      createLocation: ['state-centroids.json', 'zip-centroids.bin'],
      updateLocation: ['state-centroids.json', 'zip-centroids.bin'],
      getLocation: ['state-centroids.json'],
      deleteLocation: [],
      createCustomer: ['calling-code-plans.json'],
      listCustomers: ['calling-code-plans.json'],
      // A GET parses no phone (the customer schemas stay out of it); with include=locations it may show a state's centroid.
      getCustomer: ['state-centroids.json'],
      deleteCustomer: [],
    };
    for (const [operationId, dataFiles] of Object.entries(expected)) {
      expect(assetOf(operationId), operationId).toEqual(['index.mjs', 'index.mjs.map', ...dataFiles].sort());
    }
  });
});

describe('HTTP API', () => {
  it('has exactly one route per route-table entry (METHOD /path) and a $default route', () => {
    const keys = ofType('AWS::ApiGatewayV2::Route').map(([, r]) => r.Properties!.RouteKey as string);
    expect(keys.filter((k) => k !== '$default').sort()).toEqual(routeList.map((r) => `${r.method} ${r.path}`).sort());
    expect(keys.filter((k) => k === '$default')).toHaveLength(1);
  });

  it('sends each route to its own function and $default to the fallback', () => {
    const functionOfRoute = new Map(
      ofType('AWS::ApiGatewayV2::Route').map(([, r]) => {
        const integrationId = (r.Properties!.Target as any)['Fn::Join'][1][1].Ref as string;
        return [r.Properties!.RouteKey as string, (props(integrationId).IntegrationUri as any)['Fn::GetAtt'][0] as string];
      }),
    );
    for (const route of routeList) {
      expect(functionOfRoute.get(`${route.method} ${route.path}`), route.operationId).toBe(
        logicalIdOf(stack.api.functions.get(route.operationId)!),
      );
    }
    expect(functionOfRoute.get('$default')).toBe(logicalIdOf(stack.api.fallback));
  });

  it('uses payload format 2.0 (the event the handlers and local server speak)', () => {
    for (const [, i] of ofType('AWS::ApiGatewayV2::Integration')) {
      expect(i.Properties).toMatchObject({ IntegrationType: 'AWS_PROXY', PayloadFormatVersion: '2.0' });
    }
  });

  it('serves a throttled, access-logged $default stage (no stage prefix in paths)', () => {
    template.resourceCountIs('AWS::ApiGatewayV2::Stage', 1);
    template.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      StageName: '$default',
      AutoDeploy: true,
      DefaultRouteSettings: { ThrottlingRateLimit: Match.anyValue(), ThrottlingBurstLimit: Match.anyValue() },
      AccessLogSettings: { DestinationArn: Match.anyValue(), Format: Match.stringLikeRegexp('\\$context\\.requestId') },
    });
  });
});

describe('least privilege', () => {
  const readRoutes = () => routeList.filter((r) => r.scope === 'customers:read');
  const writeRoutes = () => routeList.filter((r) => r.scope === 'customers:write');
  const publicRoutes = () => routeList.filter((r) => r.scope === null);

  it('gives read routes exactly the read actions and no write action', () => {
    expect(readRoutes().length).toBeGreaterThan(0);
    for (const route of readRoutes()) {
      const actions = dynamoActionsOf(logicalIdOf(stack.api.functions.get(route.operationId)!));
      expect(actions, route.operationId).toEqual(READ_ACTIONS);
      expect(actions.filter((a) => WRITE_ACTIONS.includes(a)), route.operationId).toEqual([]);
    }
  });

  it('gives write routes only the listed read and write actions, and BatchWriteItem only to the routes that erase', () => {
    expect(writeRoutes().length).toBeGreaterThan(0);
    for (const route of writeRoutes()) {
      const actions = dynamoActionsOf(logicalIdOf(stack.api.functions.get(route.operationId)!));
      const erase = route.tableAccess === 'erase' ? ['dynamodb:BatchWriteItem'] : [];
      expect(actions, route.operationId).toEqual([...READ_ACTIONS, ...WRITE_ACTIONS, ...erase].sort());
    }
    expect(writeRoutes().filter((r) => r.tableAccess === 'erase').map((r) => r.operationId)).toEqual(['deleteCustomer']);
  });

  it('runs the purge sweep hourly, with the erase grant and nothing more', () => {
    const sweep = stack.node.findAll().find((c) => c.node.path.endsWith('PurgeSweep/Function')) as never;
    expect(dynamoActionsOf(logicalIdOf(sweep))).toEqual([...READ_ACTIONS, ...WRITE_ACTIONS, 'dynamodb:BatchWriteItem'].sort());
    template.hasResourceProperties('AWS::Events::Rule', {
      ScheduleExpression: 'rate(1 hour)',
      Targets: Match.arrayWith([Match.objectLike({ Arn: { 'Fn::GetAtt': [logicalIdOf(sweep), 'Arn'] } })]),
    });
  });

  it('gives public routes and the fallback no table access and no table name', () => {
    for (const fn of [...publicRoutes().map((r) => stack.api.functions.get(r.operationId)!), stack.api.fallback]) {
      const id = logicalIdOf(fn);
      expect(dynamoActionsOf(id), fn.node.path).toEqual([]);
      expect(props(id).Environment.Variables.TABLE_NAME, fn.node.path).toBeUndefined();
    }
  });

  it('scopes table grants to this table: items on the table ARN, only Query on each named index (no index/*)', () => {
    const tableArn = { 'Fn::GetAtt': [tableLogicalId(), 'Arn'] };
    const indexArns = [tableDefinition.gsi1.name, tableDefinition.gsi2.name, tableDefinition.gsi3.name].map((name) => ({ 'Fn::Join': ['', [tableArn, `/index/${name}`]] }));
    for (const fn of stack.api.functions.values()) {
      const id = logicalIdOf(fn);
      expect(props(id).Environment.Variables.TABLE_NAME).toEqual({ Ref: tableLogicalId() });
      const queried = new Set<string>();
      for (const s of statementsOf(id).filter((st) => list(st.Action).some((a) => a.startsWith('dynamodb:')))) {
        for (const resource of list(s.Resource)) {
          expect([tableArn, ...indexArns]).toContainEqual(resource);
          if (JSON.stringify(resource) !== JSON.stringify(tableArn)) {
            expect(list(s.Action)).toEqual(['dynamodb:Query']);
            queried.add(JSON.stringify(resource));
          }
        }
      }
      expect(queried.size, fn.node.path).toBe(indexArns.length);
    }
  });

  it('gives every function its own role, writing only to its own log group (no AWS managed policy)', () => {
    for (const fn of houseFunctions()) {
      const id = logicalIdOf(fn);
      const roleId = props(id).Role['Fn::GetAtt'][0] as string;
      expect(resources[roleId]!.Properties!.ManagedPolicyArns, fn.node.path).toBeUndefined();
      const logStatements = statementsOf(id).filter((s) => list(s.Action).some((a) => a.startsWith('logs:')));
      expect(logStatements, fn.node.path).toEqual([
        { Effect: 'Allow', Action: ['logs:CreateLogStream', 'logs:PutLogEvents'], Resource: { 'Fn::GetAtt': [props(id).LoggingConfig.LogGroup.Ref, 'Arn'] } },
      ]);
    }
  });

  it('grants no wildcard action and no Scan to anything in the stack', () => {
    // Policies attached separately and inline in roles (CDK's custom-resource providers use the latter).
    const documents = [
      ...ofType('AWS::IAM::Policy').map(([, p]) => p.Properties!.PolicyDocument),
      ...ofType('AWS::IAM::Role').flatMap(([, r]) => ((r.Properties!.Policies ?? []) as { PolicyDocument: unknown }[]).map((p) => p.PolicyDocument)),
    ] as { Statement: Statement[] }[];
    const actions = documents.flatMap((d) => d.Statement.flatMap((s) => list(s.Action)));
    expect(actions.length).toBeGreaterThan(0);
    expect(actions.filter((a) => a === '*' || a.endsWith(':*') || /scan/i.test(a))).toEqual([]);
  });
});

describe('edge', () => {
  it('runs the exact seed-URL rewrite file the local server runs, as a cloudfront-js-2.0 function', () => {
    template.resourceCountIs('AWS::CloudFront::Function', 1);
    template.hasResourceProperties('AWS::CloudFront::Function', {
      FunctionCode: readFileSync(seedUrlRewritePath, 'utf8'),
      FunctionConfig: Match.objectLike({ Runtime: 'cloudfront-js-2.0' }),
      AutoPublish: true,
    });
  });

  it('fronts the HTTP API over HTTPS, caches nothing, forwards viewer headers but Host, allows every method', () => {
    const [[functionId]] = ofType('AWS::CloudFront::Function') as [[string, CfnResource]];
    const [[, distribution]] = ofType('AWS::CloudFront::Distribution') as [[string, CfnResource]];
    const config = distribution.Properties!.DistributionConfig as Record<string, any>;
    const origin = config.Origins.find((o: { Id: string }) => o.Id === config.DefaultCacheBehavior.TargetOriginId);
    expect(origin.CustomOriginConfig).toMatchObject({ OriginProtocolPolicy: 'https-only' });
    expect(JSON.stringify(origin.DomainName)).toContain(stack.getLogicalId(stack.api.httpApi.node.defaultChild as never));
    expect(JSON.stringify(origin.DomainName)).toContain('.execute-api.');
    expect(config.DefaultCacheBehavior).toMatchObject({
      ViewerProtocolPolicy: 'https-only',
      CachePolicyId: MANAGED_CACHING_DISABLED,
      OriginRequestPolicyId: MANAGED_ALL_VIEWER_EXCEPT_HOST,
      FunctionAssociations: [{ EventType: 'viewer-request', FunctionARN: { 'Fn::GetAtt': [functionId, 'FunctionARN'] } }],
    });
    expect([...config.DefaultCacheBehavior.AllowedMethods].sort()).toEqual(
      ['DELETE', 'GET', 'HEAD', 'OPTIONS', 'PATCH', 'POST', 'PUT'],
    );
  });
});

describe('stack', () => {
  it('outputs the API URL, the distribution URL, the table name and the stream ARN', () => {
    const outputs = template.toJSON().Outputs as Record<string, { Value: unknown }>;
    expect(Object.keys(outputs)).toEqual(expect.arrayContaining(['ApiUrl', 'DistributionUrl', 'TableName', 'TableStreamArn']));
    expect(outputs.ApiUrl!.Value).toEqual({
      'Fn::GetAtt': [stack.getLogicalId(stack.api.httpApi.node.defaultChild as never), 'ApiEndpoint'],
    });
    expect(JSON.stringify(outputs.DistributionUrl!.Value)).toMatch(/https:\/\/.*DomainName/);
    expect(outputs.TableName!.Value).toEqual({ Ref: tableLogicalId() });
    expect(outputs.TableStreamArn!.Value).toEqual({ 'Fn::GetAtt': [tableLogicalId(), 'StreamArn'] });
  });

  it('keeps every log group, CDK-made ones included, for the configured retention', () => {
    const logGroups = ofType('AWS::Logs::LogGroup');
    expect(logGroups.length).toBeGreaterThan(routeList.length);
    for (const [id, lg] of logGroups) expect(lg.Properties!.RetentionInDays, id).toBe(settingDefaults.logRetentionDays);
  });

  it('is pinned to us-east-1 (the WAF of a CloudFront distribution lives there), account-agnostic, with no context lookups, so it synthesizes offline', () => {
    expect(Stack.of(stack).environment).toBe('aws://unknown-account/us-east-1');
    expect(app.synth().manifest.missing).toBeUndefined();
  });

  it('bundled every Fieldbook function to disk with local esbuild (no Docker image asset)', () => {
    const assets = readAssetManifest();
    expect(Object.keys(assets.dockerImages ?? {})).toEqual([]);
    for (const fn of houseFunctions()) {
      const hash = (props(logicalIdOf(fn)).Code.S3Key as string).replace(/\.zip$/, '');
      const source = assets.files[hash]!.source;
      expect(source.packaging, fn.node.path).toBe('zip');
      expect(existsSync(path.join(outdir, source.path, 'index.mjs')), fn.node.path).toBe(true);
    }
  });
});
