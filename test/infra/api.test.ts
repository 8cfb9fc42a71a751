import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import { describe, expect, it } from 'vitest';
import { FieldbookApi } from '../../infra/constructs/api.js';
import type { RouteDefinition } from '../../lib/routes.js';

// A route table with all three kinds of scope, whatever the real one holds today
// (it may have no public route): the grant must follow the scope.
const route = (operationId: string, method: RouteDefinition['method'], scope: RouteDefinition['scope']): RouteDefinition => ({
  operationId,
  method,
  path: `/api/v1/${operationId}`,
  entry: 'functions/fallback.ts',
  scope,
  summary: operationId,
  request: {},
  successStatus: 200,
});

describe('FieldbookApi', () => {
  it('grants each route by its scope: read, read-write, or nothing for a public route', { timeout: 180_000 }, () => {
    const stack = new Stack(new App({ context: { 'aws:cdk:bundling-stacks': [] } }), 'ApiTest');
    const table = new dynamodb.TableV2(stack, 'Table', { partitionKey: { name: 'pk', type: dynamodb.AttributeType.STRING } });
    const api = new FieldbookApi(stack, 'Api', {
      table,
      routes: [route('readThing', 'GET', 'customers:read'), route('writeThing', 'POST', 'customers:write'), route('publicThing', 'GET', null)],
    });
    const template = Template.fromStack(stack);
    const resources = template.toJSON().Resources as Record<string, { Type: string; Properties: any }>;

    const actionsOf = (operationId: string): string[] => {
      const fnId = stack.getLogicalId(api.functions.get(operationId)!.node.defaultChild as never);
      const roleId = resources[fnId]!.Properties.Role['Fn::GetAtt'][0];
      return Object.values(resources)
        .filter((r) => r.Type === 'AWS::IAM::Policy' && r.Properties.Roles.some((x: { Ref: string }) => x.Ref === roleId))
        .flatMap((p) => p.Properties.PolicyDocument.Statement.flatMap((s: { Action: string | string[] }) => [s.Action].flat()))
        .filter((a: string) => a.startsWith('dynamodb:'))
        .sort();
    };
    expect([...new Set(actionsOf('readThing'))]).toEqual(['dynamodb:BatchGetItem', 'dynamodb:ConditionCheckItem', 'dynamodb:GetItem', 'dynamodb:Query']);
    expect([...new Set(actionsOf('writeThing'))]).toEqual([
      'dynamodb:BatchGetItem',
      'dynamodb:ConditionCheckItem',
      'dynamodb:DeleteItem',
      'dynamodb:GetItem',
      'dynamodb:PutItem',
      'dynamodb:Query',
      'dynamodb:UpdateItem',
    ]);
    expect(actionsOf('publicThing')).toEqual([]);
    const publicFn = resources[stack.getLogicalId(api.functions.get('publicThing')!.node.defaultChild as never)]!;
    expect(publicFn.Properties.Environment.Variables.TABLE_NAME).toBeUndefined();

    const routeKeys = Object.values(resources).filter((r) => r.Type === 'AWS::ApiGatewayV2::Route').map((r) => r.Properties.RouteKey).sort();
    expect(routeKeys).toEqual(['$default', 'GET /api/v1/publicThing', 'GET /api/v1/readThing', 'POST /api/v1/writeThing']);
  });
});
