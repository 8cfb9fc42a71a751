import type { Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { fallbackThrottle } from '../../infra/constructs/api.js';
import { alarmThresholds } from '../../infra/constructs/monitoring.js';
import type { FieldbookStack } from '../../infra/stack.js';
import { rateLimitDefaults } from '../../lib/edge/rate-limit.js';
import { requestIdPattern } from '../../lib/openapi/envelopes.js';
import { routeList } from '../../lib/routes.js';
import { synthFieldbook, type CfnResource } from './synth.js';

// Written out here, not imported from the constructs under test.
const ORIGIN_HEADER = 'x-origin-verify';
const ORIGIN_ENV = 'ORIGIN_VERIFY_SECRET';

type Resources = Record<string, CfnResource & { Properties: Record<string, any> }>;

function build(context: Record<string, unknown> = {}) {
  // Bundling is not what this file checks (stack.test.ts does).
  const { stack, template } = synthFieldbook({ bundle: false, context });
  const resources = template.toJSON().Resources as Resources;
  const ofType = (type: string) => Object.entries(resources).filter(([, r]) => r.Type === type);
  const one = (type: string) => {
    const found = ofType(type);
    expect(found, type).toHaveLength(1);
    return found[0]!;
  };
  const logicalIdOf = (c: { node: { defaultChild?: unknown } }) => stack.getLogicalId(c.node.defaultChild as never);
  const distribution = () => one('AWS::CloudFront::Distribution')[1].Properties.DistributionConfig as Record<string, any>;
  const webAcl = () => one('AWS::WAFv2::WebACL');
  const rule = (name: string) => (webAcl()[1].Properties.Rules as Record<string, any>[]).find((r) => r.Name === name)!;
  return { stack, template, resources, ofType, one, logicalIdOf, distribution, webAcl, rule };
}

let b: ReturnType<typeof build>;
let stack: FieldbookStack;
let template: Template;
beforeAll(() => {
  b = build();
  stack = b.stack;
  template = b.template;
}, 300_000);

const httpFunctions = () => [...stack.api.functions.values(), stack.api.fallback];

describe('WAF on the distribution', () => {
  it('is a CLOUDFRONT WebACL attached to the distribution, in us-east-1', () => {
    const [id, acl] = b.webAcl();
    expect(acl.Properties.Scope).toBe('CLOUDFRONT');
    expect(acl.Properties.DefaultAction).toEqual({ Allow: {} });
    expect(b.distribution().WebACLId).toEqual({ 'Fn::GetAtt': [id, 'Arn'] });
    expect(stack.region).toBe('us-east-1');
  });

  it('limits each X-API-Key (custom aggregation key) and answers 429 with Retry-After and the error envelope', () => {
    const perKey = b.rule('RateLimitPerApiKey');
    expect(perKey.Priority).toBe(0);
    expect(perKey.Statement.RateBasedStatement).toEqual({
      AggregateKeyType: 'CUSTOM_KEYS',
      CustomKeys: [{ Header: { Name: 'x-api-key', TextTransformations: [{ Priority: 0, Type: 'NONE' }] } }],
      EvaluationWindowSec: rateLimitDefaults.windowSeconds,
      Limit: rateLimitDefaults.perKey,
    });
    const response = perKey.Action.Block.CustomResponse;
    expect(response.ResponseCode).toBe(429);
    expect(response.ResponseHeaders).toEqual([{ Name: 'Retry-After', Value: String(rateLimitDefaults.windowSeconds) }]);

    const body = b.webAcl()[1].Properties.CustomResponseBodies[response.CustomResponseBodyKey];
    expect(body.ContentType).toBe('APPLICATION_JSON');
    const envelope = JSON.parse(body.Content);
    expect(Object.keys(envelope)).toEqual(['success', 'error', 'request_id']);
    expect(envelope).toEqual({
      success: false,
      error: { code: 'rate_limited', message: expect.stringContaining(`retry after ${rateLimitDefaults.windowSeconds} seconds`) },
      request_id: 'edge',
    });
    expect(envelope.request_id).toMatch(new RegExp(requestIdPattern));
  });

  it('limits requests without a key per IP, and every request per IP (made-up keys cannot escape), with the same 429', () => {
    const keyless = b.rule('RateLimitPerIpWithoutKey');
    expect(keyless.Statement.RateBasedStatement).toMatchObject({ AggregateKeyType: 'IP', Limit: rateLimitDefaults.perIpWithoutKey });
    expect(keyless.Statement.RateBasedStatement.ScopeDownStatement).toEqual({
      NotStatement: {
        Statement: {
          SizeConstraintStatement: {
            FieldToMatch: { SingleHeader: { Name: 'x-api-key' } },
            ComparisonOperator: 'GT',
            Size: 0,
            TextTransformations: [{ Priority: 0, Type: 'NONE' }],
          },
        },
      },
    });
    const perIp = b.rule('RateLimitPerIp');
    expect(perIp.Statement.RateBasedStatement).toEqual({ AggregateKeyType: 'IP', EvaluationWindowSec: rateLimitDefaults.windowSeconds, Limit: rateLimitDefaults.perIp });
    for (const r of [keyless, perIp]) {
      expect(r.Action.Block.CustomResponse).toMatchObject({ ResponseCode: 429, ResponseHeaders: [{ Name: 'Retry-After', Value: '300' }] });
      const body = b.webAcl()[1].Properties.CustomResponseBodies[r.Action.Block.CustomResponse.CustomResponseBodyKey];
      expect(JSON.parse(body.Content)).toMatchObject({ success: false, error: { code: 'rate_limited' }, request_id: 'edge' });
    }
  });

  it('runs the AWS common rule set (SizeRestrictions_BODY counted: our bodies may be 64 KiB) and known bad inputs, after the rate rules', () => {
    const common = b.rule('AWSManagedRulesCommonRuleSet');
    expect(common.Statement.ManagedRuleGroupStatement).toEqual({
      VendorName: 'AWS',
      Name: 'AWSManagedRulesCommonRuleSet',
      RuleActionOverrides: [{ Name: 'SizeRestrictions_BODY', ActionToUse: { Count: {} } }],
    });
    expect(common.OverrideAction).toEqual({ None: {} });
    const bad = b.rule('AWSManagedRulesKnownBadInputsRuleSet');
    expect(bad.Statement.ManagedRuleGroupStatement).toEqual({ VendorName: 'AWS', Name: 'AWSManagedRulesKnownBadInputsRuleSet' });
    expect(Math.min(common.Priority, bad.Priority)).toBeGreaterThan(b.rule('RateLimitPerIp').Priority);
  });

  it('publishes metrics for every rule and logs blocked and counted requests, the API key only as a hash', () => {
    const [aclId, acl] = b.webAcl();
    for (const r of [acl.Properties, ...acl.Properties.Rules]) {
      expect(r.VisibilityConfig).toMatchObject({ CloudWatchMetricsEnabled: true, SampledRequestsEnabled: true });
    }
    expect(acl.Properties.DataProtectionConfig.DataProtections).toEqual([
      { Field: { FieldType: 'SINGLE_HEADER', FieldKeys: ['x-api-key'] }, Action: 'HASH', ExcludeRateBasedDetails: false, ExcludeRuleMatchDetails: false },
    ]);
    const [, logging] = b.one('AWS::WAFv2::LoggingConfiguration');
    expect(logging.Properties.ResourceArn).toEqual({ 'Fn::GetAtt': [aclId, 'Arn'] });
    expect(JSON.stringify(logging.Properties.LogDestinationConfigs)).toContain(':log-group:aws-waf-logs-Fieldbook"');
    template.hasResourceProperties('AWS::Logs::LogGroup', { LogGroupName: 'aws-waf-logs-Fieldbook' });
    expect(logging.Properties.LoggingFilter.DefaultBehavior).toBe('DROP');
  });

  it('takes its limits from the deployment context', { timeout: 300_000 }, () => {
    const custom = build({ rateLimitPerKey: 600, rateLimitPerIpWithoutKey: 20, rateLimitPerIp: 1200, rateLimitWindowSeconds: 60 });
    expect(custom.rule('RateLimitPerApiKey').Statement.RateBasedStatement).toMatchObject({ Limit: 600, EvaluationWindowSec: 60 });
    expect(custom.rule('RateLimitPerIpWithoutKey').Statement.RateBasedStatement).toMatchObject({ Limit: 20, EvaluationWindowSec: 60 });
    expect(custom.rule('RateLimitPerIp').Statement.RateBasedStatement).toMatchObject({ Limit: 1200, EvaluationWindowSec: 60 });
    const response = custom.rule('RateLimitPerApiKey').Action.Block.CustomResponse;
    expect(response.ResponseHeaders).toEqual([{ Name: 'Retry-After', Value: '60' }]);
    const body = custom.webAcl()[1].Properties.CustomResponseBodies[response.CustomResponseBodyKey];
    expect(JSON.parse(body.Content).error.message).toContain('retry after 60 seconds');
  });
});

describe('only through the front door (secret origin header)', () => {
  it('sends x-origin-verify from CloudFront and gives every HTTP function the same value in ORIGIN_VERIFY_SECRET', () => {
    const [secretId, secret] = b.one('AWS::SecretsManager::Secret');
    // Generated by Secrets Manager at deploy: no value in the template.
    expect(secret.Properties.GenerateSecretString).toMatchObject({ ExcludePunctuation: true, PasswordLength: 64 });
    expect(secret.Properties.SecretString).toBeUndefined();
    const reference = { 'Fn::Join': ['', ['{{resolve:secretsmanager:', { Ref: secretId }, ':SecretString:::}}']] };

    const config = b.distribution();
    const apiOrigin = config.Origins.find((o: { Id: string }) => o.Id === config.DefaultCacheBehavior.TargetOriginId);
    expect(apiOrigin.OriginCustomHeaders).toEqual([{ HeaderName: ORIGIN_HEADER, HeaderValue: reference }]);

    expect(httpFunctions()).toHaveLength(routeList.length + 1);
    for (const fn of httpFunctions()) {
      expect(b.resources[b.logicalIdOf(fn)]!.Properties.Environment.Variables[ORIGIN_ENV], fn.node.path).toEqual(reference);
    }
    // Not the queue worker: nothing reaches it over HTTP.
    const worker = stack.node.findAll().find((c) => c.node.path.endsWith('Geocoding/Worker'))!;
    expect(b.resources[b.logicalIdOf(worker as never)]!.Properties.Environment.Variables[ORIGIN_ENV]).toBeUndefined();
  });

  it('rotates by deploying a new secret when originSecretGeneration is bumped', { timeout: 300_000 }, () => {
    const next = build({ originSecretGeneration: 2 });
    const [nextId] = next.one('AWS::SecretsManager::Secret');
    expect(nextId).not.toBe(b.one('AWS::SecretsManager::Secret')[0]);
    const config = next.distribution();
    const apiOrigin = config.Origins.find((o: { Id: string }) => o.Id === config.DefaultCacheBehavior.TargetOriginId);
    expect(JSON.stringify(apiOrigin.OriginCustomHeaders)).toContain(`"Ref":"${nextId}"`);
  });

  it('gives the catch-all $default route a small throttle of its own', () => {
    template.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      RouteSettings: { $default: { ThrottlingRateLimit: fallbackThrottle.rateLimit, ThrottlingBurstLimit: fallbackThrottle.burstLimit } },
    });
  });
});

describe('CloudFront access logs', () => {
  it('go to a private, encrypted, SSL-only bucket whose objects expire', () => {
    const logging = b.distribution().Logging;
    expect(logging.Prefix).toBe('cloudfront/');
    const bucketId = logging.Bucket['Fn::GetAtt'][0] as string;
    expect(bucketId).toBe(b.logicalIdOf(stack.edge.logBucket));
    const bucket = b.resources[bucketId]!;
    expect(bucket.Properties).toMatchObject({
      PublicAccessBlockConfiguration: { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true },
      BucketEncryption: { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }] },
      OwnershipControls: { Rules: [{ ObjectOwnership: 'ObjectWriter' }] },
    });
    expect(bucket.Properties.LifecycleConfiguration.Rules).toEqual([expect.objectContaining({ ExpirationInDays: 90, Status: 'Enabled' })]);
    const policies = b.ofType('AWS::S3::BucketPolicy').filter(([, p]) => JSON.stringify(p.Properties.Bucket).includes(bucketId));
    expect(JSON.stringify(policies)).toContain('"aws:SecureTransport":"false"');
    // The docs bucket's server access logs go there too.
    expect(b.resources[b.logicalIdOf(stack.node.findAll().find((c) => c.node.path.endsWith('Docs/Bucket'))! as never)]!.Properties.LoggingConfiguration).toEqual({
      DestinationBucketName: { Ref: bucketId },
      LogFilePrefix: 's3/docs/',
    });
  });
});

describe('alarms', () => {
  const alarms = () => b.ofType('AWS::CloudWatch::Alarm').map(([, a]) => a.Properties);
  const topicRef = () => ({ Ref: b.logicalIdOf(stack.monitoring.topic) });
  const stageDims = () => [
    { Name: 'ApiId', Value: { Ref: b.logicalIdOf(stack.api.httpApi) } },
    { Name: 'Stage', Value: '$default' },
  ];

  it('watches the API 5xx rate', () => {
    const rate = alarms().find((a) => a.Metrics?.some((m: any) => m.Expression?.includes('errors / requests')))!;
    expect(rate).toBeDefined();
    expect(rate.Threshold).toBe(alarmThresholds.serverErrorRatePercent);
    const stat = (name: string) => rate.Metrics.find((m: any) => m.MetricStat?.Metric.MetricName === name).MetricStat;
    expect(stat('5xx')).toMatchObject({ Stat: 'Sum', Metric: { Namespace: 'AWS/ApiGateway', Dimensions: stageDims() } });
    expect(stat('Count')).toMatchObject({ Stat: 'Sum', Metric: { Namespace: 'AWS/ApiGateway', Dimensions: stageDims() } });
  });

  it('watches API Gateway throttling through a metric filter on the access log (HTTP APIs publish no 429 metric)', () => {
    const [, filter] = b.one('AWS::Logs::MetricFilter');
    expect(filter.Properties.LogGroupName).toEqual({ Ref: b.logicalIdOf(stack.api.accessLogs) });
    expect(filter.Properties.FilterPattern).toBe('{ $.status = "429" }');
    const { MetricName, MetricNamespace } = filter.Properties.MetricTransformations[0];
    expect(alarms().some((a) => a.MetricName === MetricName && a.Namespace === MetricNamespace && a.Threshold === 0)).toBe(true);
  });

  it('watches Lambda throttles of every function, the geocode worker and the purge sweep included', () => {
    const throttled = alarms().filter((a) => a.Namespace === 'AWS/Lambda' && a.MetricName === 'Throttles');
    const watched = throttled.map((a) => a.Dimensions[0].Value.Ref).sort();
    const worker = stack.node.findAll().find((c) => c.node.path.endsWith('Geocoding/Worker'))!;
    const sweep = stack.node.findAll().find((c) => c.node.path.endsWith('PurgeSweep/Function'))!;
    expect(watched).toEqual([...httpFunctions(), worker, sweep].map((f) => b.logicalIdOf(f as never)).sort());
  });

  it('watches p99 latency', () => {
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      Namespace: 'AWS/ApiGateway',
      MetricName: 'Latency',
      ExtendedStatistic: 'p99',
      Dimensions: stageDims(),
      Threshold: alarmThresholds.latencyP99Ms,
    });
  });

  it('notifies one SNS topic from every alarm, the geocoding dead-letter and purge-sweep alarms included', () => {
    // 5xx rate, 429s, p99; a throttle alarm per function (HTTP, geocode worker, purge sweep); the dead letters; the sweep's errors.
    expect(alarms().length).toBe(3 + httpFunctions().length + 2 + 1 + 1);
    for (const a of alarms()) {
      expect(a.AlarmActions, a.AlarmDescription).toEqual([topicRef()]);
      expect(a.OKActions, a.AlarmDescription).toEqual([topicRef()]);
    }
    expect(alarms().some((a) => a.Namespace === 'AWS/SQS' && a.MetricName === 'ApproximateNumberOfMessagesVisible')).toBe(true);
    template.resourceCountIs('AWS::SNS::Subscription', 0);
  });

  it('subscribes the alarmEmail context to the topic', { timeout: 300_000 }, () => {
    const withEmail = build({ alarmEmail: 'oncall@example.com' });
    withEmail.template.hasResourceProperties('AWS::SNS::Subscription', { Protocol: 'email', Endpoint: 'oncall@example.com' });
  });
});
