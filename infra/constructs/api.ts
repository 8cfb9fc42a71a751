import { RemovalPolicy } from 'aws-cdk-lib';
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
      if (route.scope !== null) fn.bindTable(props.table, accessByScope[route.scope]);
      new apigwv2.HttpRoute(this, `${name}Route`, {
        httpApi: this.httpApi,
        routeKey: apigwv2.HttpRouteKey.with(route.path, apigwv2.HttpMethod[route.method]),
        integration: new HttpLambdaIntegration(`${name}Integration`, fn),
      });
      functions.set(route.operationId, fn);
    }
    this.functions = functions;

    // $default: no stage prefix in rawPath, so paths match the route table as written.
    this.stage = new apigwv2.HttpStage(this, 'DefaultStage', {
      httpApi: this.httpApi,
      stageName: '$default',
      autoDeploy: true,
      throttle: { rateLimit: settings.throttleRateLimit, burstLimit: settings.throttleBurstLimit },
      accessLogSettings: {
        destination: new apigwv2.LogGroupLogDestination(
          new logs.LogGroup(this, 'AccessLogs', { retention: settings.logRetention, removalPolicy: RemovalPolicy.DESTROY }),
        ),
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
  }
}

function pascalCase(operationId: string): string {
  return operationId.charAt(0).toUpperCase() + operationId.slice(1);
}
