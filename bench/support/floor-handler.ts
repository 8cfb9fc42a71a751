/**
 * The floor of issue 8's "lean functions" target: the least an HTTP function
 * reading one item can be — one GetItem through lib-dynamodb's
 * DynamoDBDocumentClient, nothing else. bench/sections/bundles.ts bundles it
 * with infra/bundling.ts options and compares every function to it.
 *
 * The client is built on first call, as lib/store/client.ts does, so that the
 * floor's import time measures the same thing as a function's: loading and
 * evaluating its modules, not constructing a client.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';

let doc: DynamoDBDocumentClient | undefined;

export const handler = async (event: { pathParameters?: Record<string, string | undefined> }) => {
  doc ??= DynamoDBDocumentClient.from(new DynamoDBClient({}));
  const { Item } = await doc.send(new GetCommand({ TableName: process.env.TABLE_NAME, Key: { pk: `ITEM#${event.pathParameters?.id ?? ''}`, sk: 'ITEM' } }));
  return Item ? { statusCode: 200, body: JSON.stringify(Item) } : { statusCode: 404, body: '' };
};
