import { RemovalPolicy, Validations } from 'aws-cdk-lib';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import * as apigwv2 from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import type { Scope } from '../../lib/api-keys/api-keys.js';
import { routeList, type RouteDefinition } from '../../lib/routes.js';
import { readSettings } from '../settings.js';
import { FieldbookFunction, type TableAccess } from './fieldbook-function.js';

/** The table grant each scope implies; a new scope fails to compile until it is placed here. */
const accessByScope: Record<Scope, TableAccess> = {
  'customers:read': 'read',
  'customers:write': 'read-write',
};

export interface FieldbookApiProps {
  table: ITableV2;
  /** Defaults to the route table (lib/routes.ts). */
  routes?: readonly RouteDefinition[];
}

/**
 * The HTTP API: one function and one route per entry of the route table
 * (lib/routes.ts), so an endpoint added there is deployed with no change here,
 * and a $default route to the fallback handler, so unknown paths and methods
 * get the JSON error envelope instead of API Gateway's bare 404.
 */
export class FieldbookApi extends Construct {
  readonly httpApi: apigwv2.HttpApi;
  readonly stage: apigwv2.HttpStage;
  /** The function of each route, by operationId. */
  readonly functions: ReadonlyMap<string, FieldbookFunction>;
  readonly fallback: FieldbookFunction;
  /** The stage's JSON access log (one line per request, with its status). */
  readonly accessLogs: logs.LogGroup;

  constructor(scope: Construct, id: string, props: FieldbookApiProps) {
    super(scope, id);
    const settings = readSettings(this.node);

    this.fallback = new FieldbookFunction(this, 'FallbackFunction', {
      entry: 'functions/fallback.ts',
      description: 'Unmatched routes: 404 route_not_found / 405 method_not_allowed envelope',
    });
    this.httpApi = new apigwv2.HttpApi(this, 'HttpApi', {
      description: 'Fieldbook customers and service locations API',
      defaultIntegration: new HttpLambdaIntegration('FallbackIntegration', this.fallback),
      // Our own stage below carries throttling and access logs.
      createDefaultStage: false,
    });

    const functions = new Map<string, FieldbookFunction>();
    for (const route of props.routes ?? routeList) {
      const name = pascalCase(route.operationId);
      const fn = new FieldbookFunction(this, `${name}Function`, {
        entry: route.entry,
        description: `${route.method} ${route.path} (${route.operationId})`,
      });
      if (route.scope !== null) fn.bindTable(props.table, route.tableAccess ?? accessByScope[route.scope]);
      new apigwv2.HttpRoute(this, `${name}Route`, {
        httpApi: this.httpApi,
        routeKey: apigwv2.HttpRouteKey.with(route.path, apigwv2.HttpMethod[route.method]),
        integration: new HttpLambdaIntegration(`${name}Integration`, fn),
      });
      functions.set(route.operationId, fn);
    }
    this.functions = functions;

    this.accessLogs = new logs.LogGroup(this, 'AccessLogs', { retention: settings.logRetention, removalPolicy: RemovalPolicy.DESTROY });
    // $default: no stage prefix in rawPath, so paths match the route table as written.
    this.stage = new apigwv2.HttpStage(this, 'DefaultStage', {
      httpApi: this.httpApi,
      stageName: '$default',
      autoDeploy: true,
      throttle: { rateLimit: settings.throttleRateLimit, burstLimit: settings.throttleBurstLimit },
      accessLogSettings: {
        destination: new apigwv2.LogGroupLogDestination(this.accessLogs),
        // $context.requestId is API Gateway's id; our request_id is in the function logs.
        format: apigateway.AccessLogFormat.custom(
          JSON.stringify({
            requestId: '$context.requestId',
            routeKey: '$context.routeKey',
            status: '$context.status',
            ip: '$context.identity.sourceIp',
            responseLatency: '$context.responseLatency',
            integrationLatency: '$context.integrationLatency',
            integrationError: '$context.integrationErrorMessage',
          }),
        ),
      },
    });
    // The catch-all route only ever answers 404/405: it gets a small share of the stage's
    // capacity, so requests for made-up paths (scanners) cannot crowd out real ones.
    // RouteSettings is untyped JSON in the CloudFormation spec, passed through as written: PascalCase.
    (this.stage.node.defaultChild as apigwv2.CfnStage).routeSettings = {
      $default: {
        ThrottlingRateLimit: Math.min(fallbackThrottle.rateLimit, settings.throttleRateLimit),
        ThrottlingBurstLimit: Math.min(fallbackThrottle.burstLimit, settings.throttleBurstLimit),
      },
    };

    Validations.of(this).acknowledge({
      id: 'AwsSolutions-APIG4',
      reason:
        'No API Gateway authorizer by design: every route function runs the API-key middleware first (lib/http/middleware/api-key-auth.ts: SHA-256 of X-API-Key looked up in the table, scope checked, tenant bound to every store call), after the origin guard. A Lambda authorizer would add a second invocation per request for the same lookup. The $default route only answers 404/405 (throttled on its own); the public docs are served from S3, not through these routes.',
    });
  }
}

/** Requests per second (and burst) for the $default (unmatched) route, capped by the stage's. */
export const fallbackThrottle = { rateLimit: 10, burstLimit: 20 } as const;

function pascalCase(operationId: string): string {
  return operationId.charAt(0).toUpperCase() + operationId.slice(1);
}
