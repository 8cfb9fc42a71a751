import { AsyncLocalStorage } from 'node:async_hooks';
import { DynamoDBClient, type ConsumedCapacity } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { readStoreConfig, type StoreConfig } from '../config.js';

export interface Store {
  readonly doc: DynamoDBDocumentClient;
  readonly tableName: string;
}

let current: Store | undefined;

/** The process-wide store, built from the environment on first use. */
export function store(): Store {
  current ??= createStore(readStoreConfig());
  return current;
}

/** Points the process at another table or endpoint (local runtime, tests). */
export function useStore(next: Store): void {
  current = next;
}

export function createStore(config: StoreConfig): Store {
  const client = new DynamoDBClient({
    region: config.region,
    endpoint: config.endpoint,
    // A database that stops answering must become a prompt 503, not a request
    // hanging until the function's timeout: bounded connect and response
    // times, each attempt (the SDK retries 3 times in all).
    requestHandler: { connectionTimeout: 2_000, requestTimeout: 8_000 },
    // DynamoDB Local accepts any credentials; real AWS uses the default chain.
    ...(config.endpoint && !process.env.AWS_ACCESS_KEY_ID
      ? { credentials: { accessKeyId: 'local', secretAccessKey: 'local' } }
      : {}),
  });
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const meter = capacityMeter.getStore();
      const input = args.input as Record<string, unknown>;
      if (meter) input.ReturnConsumedCapacity = 'TOTAL';
      const result = await next(args);
      if (meter) meter.record((result.output as { ConsumedCapacity?: ConsumedCapacity | ConsumedCapacity[] }).ConsumedCapacity, context.commandName);
      return result;
    },
    { step: 'initialize', name: 'fieldbookCapacityMeter' },
  );
  const doc = DynamoDBDocumentClient.from(client, {
    marshallOptions: { removeUndefinedValues: true },
  });
  return { doc, tableName: config.tableName };
}

/**
 * Adds up the ConsumedCapacity of every DynamoDB call made inside `run` —
 * the bench reports it per endpoint. Off unless asked for, so production
 * calls carry no extra request parameter.
 */
export class CapacityMeter {
  read = 0;
  write = 0;
  calls = 0;
  record(cc: ConsumedCapacity | ConsumedCapacity[] | undefined, commandName?: string): void {
    this.calls += 1;
    // With TOTAL, DynamoDB (and DynamoDB Local) may answer only CapacityUnits: the command says which kind they are.
    const isWrite = commandName ? !/^(Get|BatchGet|Query|Scan|TransactGet)/.test(commandName) : false;
    for (const c of [cc ?? []].flat()) {
      this.read += c.ReadCapacityUnits ?? (c.WriteCapacityUnits !== undefined || isWrite ? 0 : (c.CapacityUnits ?? 0));
      this.write += c.WriteCapacityUnits ?? (c.ReadCapacityUnits !== undefined || !isWrite ? 0 : (c.CapacityUnits ?? 0));
    }
  }
}
export const capacityMeter = new AsyncLocalStorage<CapacityMeter>();
