/**
 * Follows a table's stream on DynamoDB Local, the way Lambda and Pipes read
 * DynamoDB Streams: `DescribeTable` → `LatestStreamArn`, `DescribeStream`
 * shards (parents read to their end before children, see
 * pipeline-shards.ts), `GetShardIterator`, `GetRecords`. Every record is
 * offered to each subscriber that its filter accepts, in order per shard, so
 * several local consumers (geocoding, and later the change feed and webhooks)
 * share one reader as cloud consumers share one stream.
 */
import { DescribeTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  DescribeStreamCommand,
  DynamoDBStreamsClient,
  ExpiredIteratorException,
  GetRecordsCommand,
  GetShardIteratorCommand,
  TrimmedDataAccessException,
  type _Record as StreamRecord,
  type Shard,
  type ShardIteratorType,
} from '@aws-sdk/client-dynamodb-streams';
import { readStoreConfig } from '../config.js';
import { addNewShards, shardsToRead, type ShardState } from './pipeline-shards.js';
import { Wakeup } from './wakeup.js';

export type { _Record as StreamRecord } from '@aws-sdk/client-dynamodb-streams';

export interface StreamSubscriber {
  /** Named in log lines. */
  name: string;
  /** Which records this subscriber wants (default: all). */
  filter?: (record: StreamRecord) => boolean;
  /**
   * The accepted records of one `GetRecords` call of one shard, in stream
   * order. Awaited before the reader moves on, so calls never overlap and
   * each shard's records arrive in order. A throw is logged and the records
   * are not offered again: a consumer that needs retries queues them first
   * (as geocoding does, in a local queue).
   */
  deliver(records: StreamRecord[], from: { streamArn: string; shardId: string }): void | Promise<void>;
}

export interface StreamReaderOptions {
  /** Table, endpoint and region (default: from the environment, like the store). */
  tableName?: string;
  endpoint?: string;
  region?: string;
  /** Where to begin (default TRIM_HORIZON: catches up on what was written while stopped). */
  startingPosition?: 'TRIM_HORIZON' | 'LATEST';
  /** Pause between empty polls (default 200 ms). */
  pollIntervalMs?: number;
  /** Subscribers present before the first read, so none misses a record. */
  subscribers?: StreamSubscriber[];
  log?: (level: 'info' | 'warn', line: string) => void;
}

export interface StreamReader {
  readonly streamArn: string;
  /** Adds a subscriber from the next read on; returns its unsubscribe. */
  subscribe(subscriber: StreamSubscriber): () => void;
  /** Stream records read (before any filter). */
  recordsRead(): number;
  stop(): Promise<void>;
}

/** How often the shard list is refreshed to notice rollovers. */
const describeEveryMs = 2000;
/** Pause after a failed read before trying again. */
const readErrorPauseMs = 1000;

/** The table to follow: the options' table, else the store's configuration (with the options' endpoint, if any). */
export function streamSource(opts: Pick<StreamReaderOptions, 'tableName' | 'endpoint' | 'region'>): { tableName: string; endpoint?: string; region: string } {
  return opts.tableName ? { tableName: opts.tableName, endpoint: opts.endpoint, region: opts.region ?? 'us-east-1' } : { ...readStoreConfig(), ...(opts.endpoint ? { endpoint: opts.endpoint } : {}) };
}

/** Opens the table's stream and positions every shard; resolves once reading has begun. */
export async function startStreamReader(opts: StreamReaderOptions = {}): Promise<StreamReader> {
  const config = streamSource(opts);
  const credentials = config.endpoint && !process.env.AWS_ACCESS_KEY_ID ? { accessKeyId: 'local', secretAccessKey: 'local' } : undefined;
  const clientConfig = { region: config.region, endpoint: config.endpoint, ...(credentials ? { credentials } : {}) };
  const dynamo = new DynamoDBClient(clientConfig);
  const streams = new DynamoDBStreamsClient(clientConfig);
  const startingPosition = opts.startingPosition ?? 'TRIM_HORIZON';
  const pollMs = opts.pollIntervalMs ?? 200;
  const log = opts.log ?? ((level, line) => (level === 'warn' ? console.warn : console.log)(`[stream] ${line}`));

  let streamArn: string | undefined;
  try {
    const table = await dynamo.send(new DescribeTableCommand({ TableName: config.tableName }));
    streamArn = table.Table?.StreamSpecification?.StreamEnabled ? table.Table.LatestStreamArn : undefined;
  } finally {
    dynamo.destroy(); // only needed to find the stream
  }
  if (!streamArn) {
    streams.destroy();
    throw new Error(`table ${config.tableName} has no stream enabled; the local stream consumers read it`);
  }
  const arn = streamArn;

  const subscribers = new Set<StreamSubscriber>(opts.subscribers ?? []);
  const shards = new Map<string, ShardState>();
  let read = 0;
  let running = true;
  const wake = new Wakeup();

  async function listShards(): Promise<Shard[]> {
    const all: Shard[] = [];
    let start: string | undefined;
    do {
      const out = await streams.send(new DescribeStreamCommand({ StreamArn: arn, ExclusiveStartShardId: start }));
      all.push(...(out.StreamDescription?.Shards ?? []));
      start = out.StreamDescription?.LastEvaluatedShardId;
    } while (start);
    return all;
  }

  /** Learns new shards (rollover makes a closed parent and an open child); the first look applies the starting position. */
  async function refreshShards(first: boolean): Promise<void> {
    addNewShards(shards, await listShards(), { first, startingPosition });
  }

  async function iteratorFor(shard: ShardState, first: boolean): Promise<string | undefined> {
    let type: ShardIteratorType = first && startingPosition === 'LATEST' ? 'LATEST' : 'TRIM_HORIZON';
    if (shard.lastSequenceNumber) type = 'AFTER_SEQUENCE_NUMBER';
    const out = await streams.send(new GetShardIteratorCommand({ StreamArn: arn, ShardId: shard.id, ShardIteratorType: type, SequenceNumber: shard.lastSequenceNumber }));
    return out.ShardIterator;
  }

  async function publish(records: StreamRecord[], shardId: string): Promise<void> {
    read += records.length;
    for (const subscriber of [...subscribers]) {
      const accepted = subscriber.filter ? records.filter(subscriber.filter) : records;
      if (accepted.length === 0) continue;
      try {
        await subscriber.deliver(accepted, { streamArn: arn, shardId });
      } catch (err) {
        log('warn', `subscriber ${subscriber.name} failed on ${accepted.length} record(s) of shard ${shardId}: ${(err as Error).message}`);
      }
    }
  }

  /** Reads one shard once (a shard found after start reads from its trim horizon); true if it returned records. */
  async function readShard(shard: ShardState): Promise<boolean> {
    shard.iterator ??= await iteratorFor(shard, false);
    if (!shard.iterator) {
      shard.done = true;
      return false;
    }
    try {
      const out = await streams.send(new GetRecordsCommand({ ShardIterator: shard.iterator, Limit: 1000 }));
      const records = out.Records ?? [];
      await publish(records, shard.id);
      const last = records.at(-1)?.dynamodb?.SequenceNumber;
      if (last) shard.lastSequenceNumber = last;
      shard.iterator = out.NextShardIterator;
      if (!shard.iterator) shard.done = true; // closed and fully read: its children may start
      return records.length > 0;
    } catch (err) {
      if (err instanceof ExpiredIteratorException || err instanceof TrimmedDataAccessException) {
        shard.iterator = undefined; // re-open after the last record seen (or from the trim horizon)
        if (err instanceof TrimmedDataAccessException) shard.lastSequenceNumber = undefined;
        return false;
      }
      throw err;
    }
  }

  // Position every shard before this resolves, so a write made right after start is seen even from LATEST.
  try {
    await refreshShards(true);
    for (const shard of shardsToRead(shards)) shard.iterator = await iteratorFor(shard, true);
  } catch (err) {
    streams.destroy();
    throw err;
  }

  async function readLoop(): Promise<void> {
    let lastDescribe = Date.now();
    while (running) {
      try {
        if (Date.now() - lastDescribe > describeEveryMs) {
          await refreshShards(false);
          lastDescribe = Date.now();
        }
        let busy = false;
        let finished = false;
        for (const shard of shardsToRead(shards)) {
          if (!running) break;
          busy = (await readShard(shard)) || busy;
          finished ||= shard.done;
        }
        if (finished) lastDescribe = 0; // a shard closed: look for its child at once
        if (!busy && running) await wake.sleep(pollMs);
      } catch (err) {
        if (!running) break;
        log('warn', `stream read failed, retrying: ${(err as Error).message}`);
        await wake.sleep(readErrorPauseMs);
      }
    }
  }

  const loop = readLoop();
  return {
    streamArn: arn,
    subscribe(subscriber) {
      subscribers.add(subscriber);
      return () => void subscribers.delete(subscriber);
    },
    recordsRead: () => read,
    async stop() {
      running = false;
      wake.notify();
      await loop;
      streams.destroy();
    },
  };
}
