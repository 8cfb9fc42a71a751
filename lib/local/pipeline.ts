/**
 * The local stand-in for the cloud geocoding pipeline (EventBridge Pipe +
 * SQS + the geocode Lambda's event source), for `npm start` and the tests:
 *
 *   table stream (stream-reader.ts) ──► the Pipe's filter (lib/geocoding/stream-filter.ts)
 *     ──► a local queue (local-queue.ts) ──► the geocode worker handler, in SQS-shaped batches
 *     ──► failed messages redelivered after a delay, up to the queue's max receives
 *     ──► then a dead-letter list (logged, and readable through deadLetters()).
 *
 * Only the wiring lives here; the reader and the queue know nothing of geocoding.
 */
import type { _Record as StreamRecord } from '@aws-sdk/client-dynamodb-streams';
import { geocodeQueueHandler, type GeocodeQueueHandler } from '../sqs/geocode-queue-handler.js';
import { createProvider } from '../geocoding/create-provider.js';
import { geocodingSettings, maxReceivesFromEnv } from '../geocoding/settings.js';
import { needsGeocoding } from '../geocoding/stream-filter.js';
import { localRedelivery, startLocalQueue, type DeadLetter } from './local-queue.js';
import { startStreamReader, streamSource, type StreamReader } from './stream-reader.js';

export type { DeadLetter } from './local-queue.js';

export interface LocalPipelineOptions {
  /** Table, endpoint and region (default: from the environment, like the store). */
  tableName?: string;
  endpoint?: string;
  region?: string;
  /**
   * Subscribe to this already running reader instead of starting one (it is
   * then not stopped with the pipeline, and its own starting position and
   * poll interval apply).
   */
  streamReader?: StreamReader;
  /** The worker (default: the geocode Lambda's handler, `geocodeQueueHandler` with the configured provider and these max receives). */
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

/** The record as EventBridge Pipes puts it in the SQS message body: the stream record's JSON, creation time in epoch seconds. */
export function pipeMessageBody(record: StreamRecord, streamArn: string): string {
  const created = record.dynamodb?.ApproximateCreationDateTime;
  return JSON.stringify({
    ...record,
    dynamodb: { ...record.dynamodb, ...(created ? { ApproximateCreationDateTime: Math.floor(created.getTime() / 1000) } : {}) },
    eventSourceARN: streamArn,
  });
}

/** Starts following the table's stream; resolves once the stream is open and reading has begun. */
export async function startLocalPipeline(opts: LocalPipelineOptions = {}): Promise<LocalPipeline> {
  const maxReceives = opts.maxReceives ?? maxReceivesFromEnv();
  const log = opts.log ?? ((level, line) => (level === 'warn' ? console.warn : console.log)(`[geocoding] ${line}`));
  const handler = opts.handler ?? geocodeQueueHandler({ provider: () => createProvider(), maxReceives });
  let selected = 0;

  // The queue first, so the reader's first records have somewhere to go.
  const queue = startLocalQueue({
    name: 'fieldbook-geocode',
    handler,
    batchSize: opts.batchSize ?? geocodingSettings.batchSize,
    maxReceives,
    redelivery: opts.retryBackoffMs ? { baseMs: opts.retryBackoffMs.base, capMs: opts.retryBackoffMs.max } : localRedelivery,
    functionName: 'geocode-worker',
    functionTimeoutMs: geocodingSettings.functionTimeoutSeconds * 1000,
    region: streamSource(opts).region,
    senderId: 'local-pipe',
    pollIntervalMs: opts.pollIntervalMs,
    log,
  });
  const subscriber = {
    name: 'geocoding',
    filter: (record: StreamRecord) => needsGeocoding(record),
    deliver(records: StreamRecord[], from: { streamArn: string }) {
      selected += records.length;
      for (const record of records) queue.send(pipeMessageBody(record, from.streamArn));
    },
  };

  let reader: StreamReader;
  let unsubscribe: () => void;
  if (opts.streamReader) {
    reader = opts.streamReader;
    unsubscribe = reader.subscribe(subscriber);
  } else {
    try {
      const { tableName, endpoint, region, startingPosition, pollIntervalMs } = opts;
      reader = await startStreamReader({ tableName, endpoint, region, startingPosition, pollIntervalMs, subscribers: [subscriber], log });
    } catch (err) {
      await queue.stop();
      throw err;
    }
    unsubscribe = () => undefined;
  }
  const recordsReadBefore = opts.streamReader ? reader.recordsRead() : 0;

  return {
    streamArn: reader.streamArn,
    deadLetters: () => queue.deadLetters(),
    stats: () => {
      const q = queue.stats();
      return { recordsRead: reader.recordsRead() - recordsReadBefore, recordsSelected: selected, deliveries: q.deliveries, succeeded: q.succeeded, redelivered: q.redelivered, deadLettered: q.deadLettered };
    },
    backlog: () => queue.backlog(),
    async stop() {
      unsubscribe();
      if (!opts.streamReader) await reader.stop();
      await queue.stop();
    },
  };
}

/** The `npm start` banner line for a running pipeline. */
export function localPipelineBanner(): string {
  const geocoder = process.env.GEOCODER?.trim() || 'offline';
  return `  Geocoding: table stream → filter → geocode worker (GEOCODER=${geocoder}), ${maxReceivesFromEnv()} receives, then the dead-letter list`;
}
