/**
 * The local stand-in for the cloud geocoding pipeline (EventBridge Pipe +
 * SQS + the geocode Lambda's event source), for `npm start` and the tests:
 *
 *   table stream on DynamoDB Local ──► the Pipe's filter (lib/geocoding/stream-filter.ts)
 *     ──► an in-memory queue ──► the geocode worker handler, in SQS-shaped batches
 *     ──► failed messages redelivered with backoff, up to the queue's max receives
 *     ──► then a dead-letter list (logged, and readable through deadLetters()).
 */
import { randomUUID } from 'node:crypto';
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
import type { Context, SQSRecord } from 'aws-lambda';
import { readStoreConfig } from '../config.js';
import type { GeocodeQueueHandler } from '../geocoding/geocode-queue-handler.js';
import { maxReceivesFromEnv } from '../geocoding/settings.js';
import { geocodingSettings } from '../geocoding/settings.js';
import { needsGeocoding } from '../geocoding/stream-filter.js';
import { addNewShards, shardsToRead, type ShardState } from './pipeline-shards.js';

export interface LocalPipelineOptions {
  /** Table, endpoint and region (default: from the environment, like the store). */
  tableName?: string;
  endpoint?: string;
  region?: string;
  /** The worker (default: functions/geocode/worker.ts, the Lambda's own handler). */
  handler?: GeocodeQueueHandler;
  /** Deliveries before a message is dead-lettered (default: MAX_RECEIVES, else the queue's setting). Must match the handler's. */
  maxReceives?: number;
  /** Messages per worker call (default: the event source's batch size). */
  batchSize?: number;
  /** Pause between empty stream polls (default 200 ms). */
  pollIntervalMs?: number;
  /** Redelivery delay after the n-th failed receive: base·2^(n-1), capped (default 500 ms … 10 s). */
  retryBackoffMs?: { base: number; max: number };
  /** Where to begin reading the stream (default TRIM_HORIZON: catches up on what was written while stopped; duplicates are harmless). */
  startingPosition?: 'TRIM_HORIZON' | 'LATEST';
  /** Log sink for the pipeline's own lines (default console). */
  log?: (level: 'info' | 'warn', line: string) => void;
}

export interface DeadLetter {
  messageId: string;
  /** The stream record JSON, as the message carried it. */
  body: string;
  receiveCount: number;
  deadLetteredAt: string;
}

export interface LocalPipelineStats {
  /** Stream records read / passed by the filter. */
  recordsRead: number;
  recordsSelected: number;
  /** Messages handed to the worker (every delivery counts), acknowledged, redelivered, dead-lettered. */
  deliveries: number;
  succeeded: number;
  redelivered: number;
  deadLettered: number;
}

export interface LocalPipeline {
  readonly streamArn: string;
  deadLetters(): DeadLetter[];
  stats(): LocalPipelineStats;
  /** Messages waiting or in flight. */
  backlog(): number;
  stop(): Promise<void>;
}

interface QueuedMessage {
  messageId: string;
  body: string;
  receiveCount: number;
  visibleAt: number;
  sentAt: number;
  firstReceivedAt?: number;
}

/** Wakes a sleeping loop early (new messages, stop). */
class Wakeup {
  private wake: (() => void) | undefined;
  sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      const self = this;
      function done() {
        clearTimeout(timer);
        if (self.wake === done) self.wake = undefined;
        resolve();
      }
      this.wake = done;
    });
  }
  notify(): void {
    this.wake?.();
  }
}

/** The record as EventBridge Pipes puts it in the SQS message body: the stream record's JSON, creation time in epoch seconds. */
function pipeMessageBody(record: StreamRecord, streamArn: string): string {
  const created = record.dynamodb?.ApproximateCreationDateTime;
  return JSON.stringify({
    ...record,
    dynamodb: { ...record.dynamodb, ...(created ? { ApproximateCreationDateTime: Math.floor(created.getTime() / 1000) } : {}) },
    eventSourceARN: streamArn,
  });
}

function workerContext(): Context {
  const deadline = Date.now() + geocodingSettings.functionTimeoutSeconds * 1000;
  const id = randomUUID();
  return {
    callbackWaitsForEmptyEventLoop: false,
    functionName: 'geocode-worker',
    functionVersion: '$LATEST',
    invokedFunctionArn: 'arn:aws:lambda:local:000000000000:function:geocode-worker',
    memoryLimitInMB: '512',
    awsRequestId: id,
    logGroupName: '/aws/lambda/geocode-worker',
    logStreamName: 'local',
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}

/** Starts following the table's stream; resolves once the stream is open and reading has begun. */
export async function startLocalPipeline(opts: LocalPipelineOptions = {}): Promise<LocalPipeline> {
  const config = opts.tableName ? { tableName: opts.tableName, endpoint: opts.endpoint, region: opts.region ?? 'us-east-1' } : { ...readStoreConfig(), ...(opts.endpoint ? { endpoint: opts.endpoint } : {}) };
  const credentials = config.endpoint && !process.env.AWS_ACCESS_KEY_ID ? { accessKeyId: 'local', secretAccessKey: 'local' } : undefined;
  const clientConfig = { region: config.region, endpoint: config.endpoint, ...(credentials ? { credentials } : {}) };
  const dynamo = new DynamoDBClient(clientConfig);
  const streams = new DynamoDBStreamsClient(clientConfig);

  const maxReceives = opts.maxReceives ?? maxReceivesFromEnv();
  const handler = opts.handler ?? (await import('../../functions/geocode/worker.js')).handler;
  const batchSize = opts.batchSize ?? geocodingSettings.batchSize;
  const pollMs = opts.pollIntervalMs ?? 200;
  const backoff = opts.retryBackoffMs ?? { base: 500, max: 10_000 };
  const log = opts.log ?? ((level, line) => (level === 'warn' ? console.warn : console.log)(`[geocoding] ${line}`));

  const table = await dynamo.send(new DescribeTableCommand({ TableName: config.tableName }));
  const streamArn = table.Table?.LatestStreamArn;
  if (!streamArn || !table.Table?.StreamSpecification?.StreamEnabled) {
    dynamo.destroy();
    streams.destroy();
    throw new Error(`table ${config.tableName} has no stream enabled; the geocoding pipeline reads it`);
  }

  const stats: LocalPipelineStats = { recordsRead: 0, recordsSelected: 0, deliveries: 0, succeeded: 0, redelivered: 0, deadLettered: 0 };
  const queue: QueuedMessage[] = [];
  const deadLetters: DeadLetter[] = [];
  const shards = new Map<string, ShardState>();
  let inFlight = 0;
  let running = true;
  const readerWake = new Wakeup();
  const workerWake = new Wakeup();

  async function listShards(): Promise<Shard[]> {
    const all: Shard[] = [];
    let start: string | undefined;
    do {
      const out = await streams.send(new DescribeStreamCommand({ StreamArn: streamArn, ExclusiveStartShardId: start }));
      all.push(...(out.StreamDescription?.Shards ?? []));
      start = out.StreamDescription?.LastEvaluatedShardId;
    } while (start);
    return all;
  }

  /** Learns new shards (rollover makes a closed parent and an open child); the first look applies the starting position. */
  async function refreshShards(first: boolean): Promise<void> {
    addNewShards(shards, await listShards(), { first, startingPosition: opts.startingPosition ?? 'TRIM_HORIZON' });
  }

  async function iteratorFor(shard: ShardState, first: boolean): Promise<string | undefined> {
    let type: ShardIteratorType = first && opts.startingPosition === 'LATEST' ? 'LATEST' : 'TRIM_HORIZON';
    if (shard.lastSequenceNumber) type = 'AFTER_SEQUENCE_NUMBER';
    const out = await streams.send(
      new GetShardIteratorCommand({ StreamArn: streamArn, ShardId: shard.id, ShardIteratorType: type, SequenceNumber: shard.lastSequenceNumber }),
    );
    return out.ShardIterator;
  }

  function enqueue(records: StreamRecord[]): void {
    for (const record of records) {
      stats.recordsRead += 1;
      if (!needsGeocoding(record)) continue;
      stats.recordsSelected += 1;
      queue.push({ messageId: randomUUID(), body: pipeMessageBody(record, streamArn!), receiveCount: 0, visibleAt: Date.now(), sentAt: Date.now() });
    }
    if (records.length) workerWake.notify();
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
      enqueue(records);
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

  // Position every shard before start() resolves, so a write made right after start is seen even from LATEST.
  await refreshShards(true);
  for (const shard of shardsToRead(shards)) shard.iterator = await iteratorFor(shard, true);

  async function readLoop(): Promise<void> {
    let lastDescribe = Date.now();
    while (running) {
      try {
        if (Date.now() - lastDescribe > 2000) {
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
        if (!busy && running) await readerWake.sleep(pollMs);
      } catch (err) {
        if (!running) break;
        log('warn', `stream read failed, retrying: ${(err as Error).message}`);
        await readerWake.sleep(1000);
      }
    }
  }

  const delayAfter = (receiveCount: number) => Math.min(backoff.max, backoff.base * 2 ** (receiveCount - 1));

  async function deliverLoop(): Promise<void> {
    while (running) {
      const now = Date.now();
      const batch: QueuedMessage[] = [];
      for (let i = 0; i < queue.length && batch.length < batchSize; ) {
        if (queue[i]!.visibleAt <= now) batch.push(...queue.splice(i, 1));
        else i++;
      }
      if (batch.length === 0) {
        const nextVisible = Math.min(...queue.map((m) => m.visibleAt));
        await workerWake.sleep(Number.isFinite(nextVisible) ? Math.max(10, Math.min(pollMs, nextVisible - now)) : pollMs);
        continue;
      }
      inFlight += batch.length;
      const records: SQSRecord[] = batch.map((m) => {
        m.receiveCount += 1;
        m.firstReceivedAt ??= Date.now();
        return {
          messageId: m.messageId,
          receiptHandle: `local-${m.messageId}-${m.receiveCount}`,
          body: m.body,
          attributes: {
            ApproximateReceiveCount: String(m.receiveCount),
            SentTimestamp: String(m.sentAt),
            SenderId: 'local-pipe',
            ApproximateFirstReceiveTimestamp: String(m.firstReceivedAt),
          },
          messageAttributes: {},
          md5OfBody: '',
          eventSource: 'aws:sqs',
          eventSourceARN: 'arn:aws:sqs:local:000000000000:fieldbook-geocode',
          awsRegion: config.region,
        };
      });
      stats.deliveries += batch.length;
      let failed: Set<string>;
      try {
        const response = await handler({ Records: records }, workerContext());
        failed = new Set(response.batchItemFailures.map((f) => f.itemIdentifier));
      } catch (err) {
        // A thrown invocation fails the whole batch, as with the real event source.
        log('warn', `worker invocation failed: ${(err as Error).message}`);
        failed = new Set(batch.map((m) => m.messageId));
      }
      inFlight -= batch.length;
      for (const m of batch) {
        if (!failed.has(m.messageId)) {
          stats.succeeded += 1;
        } else if (m.receiveCount >= maxReceives) {
          stats.deadLettered += 1;
          const letter = { messageId: m.messageId, body: m.body, receiveCount: m.receiveCount, deadLetteredAt: new Date().toISOString() };
          deadLetters.push(letter);
          log('warn', `message ${m.messageId} failed ${m.receiveCount} times; moved to the dead-letter list (${deadLetters.length} now): ${m.body.slice(0, 300)}`);
        } else {
          stats.redelivered += 1;
          m.visibleAt = Date.now() + delayAfter(m.receiveCount);
          queue.push(m);
        }
      }
    }
  }

  const loops = [readLoop(), deliverLoop()];
  return {
    streamArn,
    deadLetters: () => [...deadLetters],
    stats: () => ({ ...stats }),
    backlog: () => queue.length + inFlight,
    async stop() {
      running = false;
      readerWake.notify();
      workerWake.notify();
      await Promise.allSettled(loops);
      dynamo.destroy();
      streams.destroy();
    },
  };
}

/** The `npm start` banner line for a running pipeline. */
export function localPipelineBanner(): string {
  const geocoder = process.env.GEOCODER?.trim() || 'offline';
  return `  Geocoding: table stream → filter → geocode worker (GEOCODER=${geocoder}), ${maxReceivesFromEnv()} receives, then the dead-letter list`;
}
