/**
 * A local stand-in for an SQS queue with a redrive policy and the Lambda
 * event source that drains it, for `npm start` and the tests. It keeps the
 * semantics SQS-triggered handlers rely on, and knows nothing of what the
 * messages mean:
 *
 * - batches of up to `batchSize` messages, SQS-shaped (`messageId`, `body`,
 *   `attributes.ApproximateReceiveCount`, …), one invocation at a time;
 * - a received message is invisible until its invocation ends (never handed
 *   to two invocations at once);
 * - partial batch failures: the handler's `batchItemFailures` fail only those
 *   messages; a thrown invocation fails the whole batch;
 * - a failed message becomes visible again after a redelivery delay, until
 *   its `maxReceives`-th receive fails: then it goes to the dead-letter list.
 */
import { randomUUID } from 'node:crypto';
import type { Context, SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import { localLambdaContext } from './lambda-context.js';
import { Wakeup } from './wakeup.js';

/** An SQS-triggered handler; no response (or no failures) acknowledges the whole batch. */
export type SqsBatchHandler = (event: SQSEvent, context: Context) => Promise<SQSBatchResponse | void>;

/**
 * When a failed message is visible again: after receive n, min(cap, base·2^(n-1)).
 *
 * This is the local stand-in for the queue's visibility timeout, not a
 * client retry: in the cloud a failed message reappears when its visibility
 * timeout (180 s for geocoding) runs out, the same wait every time. Locally
 * that would stall development, so the wait starts short and grows. It is
 * deliberately not lib/retry-policy.ts: that policy's full jitter spreads
 * writers racing on one item and may wait ~0 ms, while here one consumer
 * waits out an outage and every wait should be a real pause.
 */
export interface RedeliverySchedule {
  baseMs: number;
  capMs: number;
}

/** The local queues' default: 0.5 s, 1 s, 2 s, … up to 10 s. */
export const localRedelivery: RedeliverySchedule = { baseMs: 500, capMs: 10_000 };

export function redeliveryDelayMs(receiveCount: number, schedule: RedeliverySchedule): number {
  return Math.min(schedule.capMs, schedule.baseMs * 2 ** Math.min(Math.max(receiveCount - 1, 0), 30));
}

export interface QueuedMessage {
  messageId: string;
  body: string;
  receiveCount: number;
  sentAt: number;
  /** Receivable from this time on (ms since epoch, the queue's clock). */
  visibleAt: number;
  firstReceivedAt?: number;
}

export interface DeadLetter {
  messageId: string;
  body: string;
  receiveCount: number;
  deadLetteredAt: string;
}

export interface SettleOutcome {
  succeeded: number;
  redelivered: number;
  deadLettered: DeadLetter[];
}

/**
 * The queue's state and rules, with time passed in (so they are tested
 * without waiting): send, receive (hides the batch), settle (acknowledge,
 * schedule redelivery, or dead-letter).
 */
export class InMemoryQueue {
  private readonly waiting: QueuedMessage[] = [];
  private readonly letters: DeadLetter[] = [];
  private inFlight = 0;

  constructor(private readonly opts: { maxReceives: number; redelivery: RedeliverySchedule; newId?: () => string }) {
    if (!Number.isInteger(opts.maxReceives) || opts.maxReceives < 1) throw new Error(`maxReceives must be a positive integer, got ${opts.maxReceives}`);
  }

  send(body: string, now: number): string {
    const messageId = this.opts.newId?.() ?? randomUUID();
    this.waiting.push({ messageId, body, receiveCount: 0, sentAt: now, visibleAt: now });
    return messageId;
  }

  /** Takes up to `max` visible messages, oldest first, and counts this receive on each. */
  receive(max: number, now: number): QueuedMessage[] {
    const batch: QueuedMessage[] = [];
    for (let i = 0; i < this.waiting.length && batch.length < max; ) {
      if (this.waiting[i]!.visibleAt <= now) batch.push(...this.waiting.splice(i, 1));
      else i++;
    }
    for (const m of batch) {
      m.receiveCount += 1;
      m.firstReceivedAt ??= now;
    }
    this.inFlight += batch.length;
    return batch;
  }

  /** Ends a receive: messages not in `failed` are deleted; failed ones come back after the delay, or are dead-lettered on their last receive. */
  settle(batch: readonly QueuedMessage[], failed: ReadonlySet<string>, now: number): SettleOutcome {
    const outcome: SettleOutcome = { succeeded: 0, redelivered: 0, deadLettered: [] };
    this.inFlight -= batch.length;
    for (const m of batch) {
      if (!failed.has(m.messageId)) {
        outcome.succeeded += 1;
      } else if (m.receiveCount >= this.opts.maxReceives) {
        const letter = { messageId: m.messageId, body: m.body, receiveCount: m.receiveCount, deadLetteredAt: new Date(now).toISOString() };
        this.letters.push(letter);
        outcome.deadLettered.push(letter);
      } else {
        outcome.redelivered += 1;
        m.visibleAt = now + redeliveryDelayMs(m.receiveCount, this.opts.redelivery);
        this.waiting.push(m);
      }
    }
    return outcome;
  }

  /** When the next waiting message becomes visible, if any waits. */
  nextVisibleAt(): number | undefined {
    return this.waiting.length ? Math.min(...this.waiting.map((m) => m.visibleAt)) : undefined;
  }

  /** Messages waiting or in flight. */
  backlog(): number {
    return this.waiting.length + this.inFlight;
  }

  deadLetters(): DeadLetter[] {
    return [...this.letters];
  }
}

export interface LocalQueueOptions {
  /** The queue's name (in the records' eventSourceARN and in log lines). */
  name: string;
  handler: SqsBatchHandler;
  /** Messages per invocation (the event source's batch size). */
  batchSize: number;
  /** Receives before a message is dead-lettered (the redrive policy's maxReceiveCount). */
  maxReceives: number;
  redelivery?: RedeliverySchedule;
  /** The function the handler stands for: its name and timeout, for the invocation context. */
  functionName: string;
  functionTimeoutMs: number;
  region?: string;
  /** `attributes.SenderId` of the messages (default `local`). */
  senderId?: string;
  /** Longest nap when nothing is visible (default 200 ms). */
  pollIntervalMs?: number;
  log?: (level: 'info' | 'warn', line: string) => void;
  /** The queue's clock (default Date.now). */
  now?: () => number;
}

export interface LocalQueueStats {
  sent: number;
  /** Messages handed to the handler (every receive counts), acknowledged, redelivered, dead-lettered. */
  deliveries: number;
  succeeded: number;
  redelivered: number;
  deadLettered: number;
}

export interface LocalQueue {
  send(body: string): string;
  deadLetters(): DeadLetter[];
  stats(): LocalQueueStats;
  /** Messages waiting or in flight. */
  backlog(): number;
  /** Stops after the invocation in progress, if any; messages still queued are dropped. */
  stop(): Promise<void>;
}

/** The shortest nap of an idle consumer, so a message due very soon is not polled for in a busy loop. */
const minNapMs = 10;

/** Creates the queue and starts draining it into the handler. */
export function startLocalQueue(opts: LocalQueueOptions): LocalQueue {
  const now = opts.now ?? Date.now;
  const pollMs = opts.pollIntervalMs ?? 200;
  const region = opts.region ?? 'us-east-1';
  const log = opts.log ?? ((level, line) => (level === 'warn' ? console.warn : console.log)(`[${opts.name}] ${line}`));
  const queue = new InMemoryQueue({ maxReceives: opts.maxReceives, redelivery: opts.redelivery ?? localRedelivery });
  const stats: LocalQueueStats = { sent: 0, deliveries: 0, succeeded: 0, redelivered: 0, deadLettered: 0 };
  const wake = new Wakeup();
  let running = true;

  const toRecord = (m: QueuedMessage): SQSRecord => ({
    messageId: m.messageId,
    receiptHandle: `local-${m.messageId}-${m.receiveCount}`,
    body: m.body,
    attributes: {
      ApproximateReceiveCount: String(m.receiveCount),
      SentTimestamp: String(m.sentAt),
      SenderId: opts.senderId ?? 'local',
      ApproximateFirstReceiveTimestamp: String(m.firstReceivedAt),
    },
    messageAttributes: {},
    md5OfBody: '',
    eventSource: 'aws:sqs',
    eventSourceARN: `arn:aws:sqs:local:000000000000:${opts.name}`,
    awsRegion: region,
  });

  async function invoke(batch: QueuedMessage[]): Promise<Set<string>> {
    try {
      const response = await opts.handler({ Records: batch.map(toRecord) }, localLambdaContext({ functionName: opts.functionName, timeoutMs: opts.functionTimeoutMs, memoryMb: 512, now }));
      return new Set((response?.batchItemFailures ?? []).map((f) => f.itemIdentifier));
    } catch (err) {
      // A thrown invocation fails the whole batch, as with the real event source.
      log('warn', `${opts.functionName} invocation failed: ${(err as Error).message}`);
      return new Set(batch.map((m) => m.messageId));
    }
  }

  async function consume(): Promise<void> {
    while (running) {
      const batch = queue.receive(opts.batchSize, now());
      if (batch.length === 0) {
        const next = queue.nextVisibleAt();
        await wake.sleep(next === undefined ? pollMs : Math.max(minNapMs, Math.min(pollMs, next - now())));
        continue;
      }
      stats.deliveries += batch.length;
      const outcome = queue.settle(batch, await invoke(batch), now());
      stats.succeeded += outcome.succeeded;
      stats.redelivered += outcome.redelivered;
      stats.deadLettered += outcome.deadLettered.length;
      for (const letter of outcome.deadLettered) {
        log('warn', `message ${letter.messageId} failed ${letter.receiveCount} times; moved to the dead-letter list (${stats.deadLettered} now): ${letter.body.slice(0, 300)}`);
      }
    }
  }

  const loop = consume();
  return {
    send(body) {
      const id = queue.send(body, now());
      stats.sent += 1;
      wake.notify();
      return id;
    },
    deadLetters: () => queue.deadLetters(),
    stats: () => ({ ...stats }),
    backlog: () => queue.backlog(),
    async stop() {
      running = false;
      wake.notify();
      await loop;
    },
  };
}
