import { ArnFormat, RemovalPolicy, Stack, Token } from 'aws-cdk-lib';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as wafv2 from 'aws-cdk-lib/aws-wafv2';
import { Construct } from 'constructs';
import { apiKeyHeader, edgeRequestId, edgeRetryAfterSeconds, rateLimitedBody, type RateLimitSettings } from '../../lib/edge/rate-limit.js';
import { readSettings } from '../settings.js';

/** Rule names, also their CloudWatch metric names (dimension `Rule` of AWS/WAFV2). */
export const webAclRuleNames = {
  perKey: 'RateLimitPerApiKey',
  perIpWithoutKey: 'RateLimitPerIpWithoutKey',
  perIp: 'RateLimitPerIp',
  common: 'AWSManagedRulesCommonRuleSet',
  knownBadInputs: 'AWSManagedRulesKnownBadInputsRuleSet',
} as const;

/** Keys of the WebACL's custom response bodies. */
const bodyKeys = { key: 'RateLimitedPerKey', ip: 'RateLimitedPerIp' } as const;

const noTransformation = [{ priority: 0, type: 'NONE' }];

/** True when the request carries a non-empty X-API-Key (an absent header has no size, so it does not match). */
const hasApiKey: wafv2.CfnWebACL.StatementProperty = {
  sizeConstraintStatement: {
    // SingleHeader is untyped in the CloudFormation spec, so CDK passes it through as written: `Name`, capitalised.
    fieldToMatch: { singleHeader: { Name: apiKeyHeader } },
    comparisonOperator: 'GT',
    size: 0,
    textTransformations: noTransformation,
  },
};

const visibility = (metricName: string): wafv2.CfnWebACL.VisibilityConfigProperty => ({
  cloudWatchMetricsEnabled: true,
  sampledRequestsEnabled: true,
  metricName,
});

/**
 * The firewall in front of the distribution (scope CLOUDFRONT, so it must be
 * created in us-east-1: the stack is pinned there, see infra/stack.ts).
 *
 * Rules, in order:
 *  0. per API key: over `perKey` requests per window with one X-API-Key value → 429;
 *  1. per IP, requests without a key: over `perIpWithoutKey` → 429;
 *  2. per IP, every request: over `perIp` → 429 (a client spraying made-up keys
 *     gets a fresh per-key counter with each, this one it cannot escape);
 *  3. AWS managed common rule set, with SizeRestrictions_BODY counted, not
 *     blocked: it refuses bodies over 8 KB, and ours may be 64 KiB (the
 *     functions answer 413 above that);
 *  4. AWS managed known bad inputs.
 * Rate rules come first so a flood is answered 429 before anything else is judged.
 *
 * The 429s carry Retry-After and the API's error envelope (lib/edge/rate-limit.ts);
 * the managed rules' blocks answer WAF's default 403.
 *
 * Logged to CloudWatch Logs: only requests a rule blocked or counted, with the
 * API key replaced by its hash (data protection), so the logs can say which key
 * was limited without holding it.
 */
export class EdgeWebAcl extends Construct {
  readonly webAcl: wafv2.CfnWebACL;
  readonly logGroup: logs.LogGroup;
  readonly settings: RateLimitSettings;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    const stack = Stack.of(this);
    const settings = readSettings(this.node);
    this.settings = settings.rateLimit;
    const { perKey, perIpWithoutKey, perIp, windowSeconds } = this.settings;
    const retryAfter = edgeRetryAfterSeconds(this.settings);

    const rateLimited = (by: keyof typeof bodyKeys): wafv2.CfnWebACL.RuleActionProperty => ({
      block: {
        customResponse: {
          responseCode: 429,
          customResponseBodyKey: bodyKeys[by],
          responseHeaders: [{ name: 'Retry-After', value: String(retryAfter) }],
        },
      },
    });
    const rateRule = (
      name: string,
      priority: number,
      statement: wafv2.CfnWebACL.RateBasedStatementProperty,
      by: keyof typeof bodyKeys,
    ): wafv2.CfnWebACL.RuleProperty => ({
      name,
      priority,
      statement: { rateBasedStatement: { evaluationWindowSec: windowSeconds, ...statement } },
      action: rateLimited(by),
      visibilityConfig: visibility(name),
    });
    const managedRule = (name: string, priority: number, ruleActionOverrides?: wafv2.CfnWebACL.RuleActionOverrideProperty[]) => ({
      name,
      priority,
      statement: { managedRuleGroupStatement: { vendorName: 'AWS', name, ...(ruleActionOverrides ? { ruleActionOverrides } : {}) } },
      overrideAction: { none: {} },
      visibilityConfig: visibility(name),
    });

    this.webAcl = new wafv2.CfnWebACL(this, 'WebAcl', {
      scope: 'CLOUDFRONT',
      description: 'Fieldbook edge: per-key and per-IP rate limits, AWS managed rule groups',
      defaultAction: { allow: {} },
      visibilityConfig: visibility('FieldbookEdge'),
      customResponseBodies: {
        [bodyKeys.key]: { contentType: 'APPLICATION_JSON', content: rateLimitedBody('key', retryAfter, edgeRequestId) },
        [bodyKeys.ip]: { contentType: 'APPLICATION_JSON', content: rateLimitedBody('ip', retryAfter, edgeRequestId) },
      },
      rules: [
        rateRule(
          webAclRuleNames.perKey,
          0,
          {
            limit: perKey,
            aggregateKeyType: 'CUSTOM_KEYS',
            customKeys: [{ header: { name: apiKeyHeader, textTransformations: noTransformation } }],
          },
          'key',
        ),
        rateRule(
          webAclRuleNames.perIpWithoutKey,
          1,
          { limit: perIpWithoutKey, aggregateKeyType: 'IP', scopeDownStatement: { notStatement: { statement: hasApiKey } } },
          'ip',
        ),
        rateRule(webAclRuleNames.perIp, 2, { limit: perIp, aggregateKeyType: 'IP' }, 'ip'),
        managedRule(webAclRuleNames.common, 3, [{ name: 'SizeRestrictions_BODY', actionToUse: { count: {} } }]),
        managedRule(webAclRuleNames.knownBadInputs, 4),
      ],
      // Logs and sampled requests show a hash of the key, never the key.
      dataProtectionConfig: {
        dataProtections: [
          {
            field: { fieldType: 'SINGLE_HEADER', fieldKeys: [apiKeyHeader] },
            action: 'HASH',
            excludeRateBasedDetails: false,
            excludeRuleMatchDetails: false,
          },
        ],
      },
    });

    // WAF requires the name prefix; the stack name keeps stages apart.
    const logGroupName = `aws-waf-logs-${stack.stackName}`;
    if (Token.isUnresolved(logGroupName)) throw new Error('EdgeWebAcl needs a stack with a concrete name');
    this.logGroup = new logs.LogGroup(this, 'Logs', { logGroupName, retention: settings.logRetention, removalPolicy: RemovalPolicy.DESTROY });
    const logging = new wafv2.CfnLoggingConfiguration(this, 'Logging', {
      resourceArn: this.webAcl.attrArn,
      // WAF wants the log group's ARN without the `:*` CloudFormation's Arn attribute ends with.
      logDestinationConfigs: [
        stack.formatArn({ service: 'logs', resource: 'log-group', resourceName: logGroupName, arnFormat: ArnFormat.COLON_RESOURCE_NAME }),
      ],
      // Untyped in the spec, passed through as written: only what a rule blocked or counted.
      loggingFilter: {
        DefaultBehavior: 'DROP',
        Filters: [
          {
            Behavior: 'KEEP',
            Requirement: 'MEETS_ANY',
            Conditions: [{ ActionCondition: { Action: 'BLOCK' } }, { ActionCondition: { Action: 'COUNT' } }],
          },
        ],
      },
    });
    logging.node.addDependency(this.logGroup);
  }

  get arn(): string {
    return this.webAcl.attrArn;
  }
}
