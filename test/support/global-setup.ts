import type { TestProject } from 'vitest/node';
import { startDynamoDbLocal, type DynamoDbLocal } from '../../lib/local/dynamodb-local.js';

declare module 'vitest' {
  export interface ProvidedContext {
    dynamoEndpoint: string;
  }
}

let dynamo: DynamoDbLocal | undefined;

/** One DynamoDB Local (in memory) for the whole run; each test file makes its own table on it. */
export async function setup(project: TestProject): Promise<() => Promise<void>> {
  const external = process.env.TEST_DYNAMODB_ENDPOINT;
  if (!external) dynamo = await startDynamoDbLocal();
  project.provide('dynamoEndpoint', external ?? dynamo!.endpoint);
  return async () => {
    await dynamo?.stop();
  };
}
