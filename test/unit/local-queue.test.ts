import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { InMemoryQueue, redeliveryDelayMs, startLocalQueue, type LocalQueue } from '../../lib/local/local-queue.js';
import { eventually } from '../support/eventually.js';

const schedule = { baseMs: 100, capMs: 1000 };
let ids = 0;
const newId = () => `m${++ids}`;

describe('local queue rules (time passed in)', () => {
  it('hands out batches of at most the batch size, oldest first, counting each receive', () => {
    const q = new InMemoryQueue({ maxReceives: 3, redelivery: schedule, newId });
    const sent = ['a', 'b', 'c'].map((body) => q.send(body, 0));
    const first = q.receive(2, 0);
    expect(first.map((m) => m.body)).toEqual(['a', 'b']);
    expect(first.map((m) => m.receiveCount)).toEqual([1, 1]);
    expect(q.receive(2, 0).map((m) => m.messageId)).toEqual([sent[2]]);
    expect(q.backlog()).toBe(3); // all in flight
  });

  it('keeps a received message invisible until it is settled, deletes acknowledged ones', () => {
    const q = new InMemoryQueue({ maxReceives: 3, redelivery: schedule, newId });
    q.send('a', 0);
    const batch = q.receive(10, 0);
    expect(q.receive(10, 5000)).toEqual([]); // in flight: not handed to a second invocation
    expect(q.settle(batch, new Set(), 10)).toEqual({ succeeded: 1, redelivered: 0, deadLettered: [] });
    expect(q.backlog()).toBe(0);
    expect(q.receive(10, 10_000)).toEqual([]);
  });

  it('fails only the reported messages of a batch, and redelivers them once the delay has passed', () => {
    const q = new InMemoryQueue({ maxReceives: 3, redelivery: schedule, newId });
    q.send('ok', 0);
    q.send('bad', 0);
    const batch = q.receive(10, 0);
    const bad = batch.find((m) => m.body === 'bad')!;
    expect(q.settle(batch, new Set([bad.messageId]), 1000)).toMatchObject({ succeeded: 1, redelivered: 1 });
    const due = 1000 + redeliveryDelayMs(1, schedule);
    expect(q.nextVisibleAt()).toBe(due);
    expect(q.receive(10, due - 1)).toEqual([]);
    const again = q.receive(10, due);
    expect(again.map((m) => [m.messageId, m.receiveCount])).toEqual([[bad.messageId, 2]]);
    expect(again[0]!.firstReceivedAt).toBe(0);
  });

  it('dead-letters a message whose last allowed receive fails', () => {
    const q = new InMemoryQueue({ maxReceives: 2, redelivery: schedule, newId });
    const id = q.send('bad', 0);
    let now = 0;
    q.settle(q.receive(10, now), new Set([id]), now);
    now = q.nextVisibleAt()!;
    const outcome = q.settle(q.receive(10, now), new Set([id]), now);
    expect(outcome.redelivered).toBe(0);
    expect(outcome.deadLettered).toEqual([{ messageId: id, body: 'bad', receiveCount: 2, deadLetteredAt: new Date(now).toISOString() }]);
    expect(q.deadLetters()).toEqual(outcome.deadLettered);
    expect(q.backlog()).toBe(0);
  });

  it('grows the redelivery delay per receive up to its cap', () => {
    expect([1, 2, 3, 4, 5, 40].map((n) => redeliveryDelayMs(n, schedule))).toEqual([100, 200, 400, 800, 1000, 1000]);
  });

  it('refuses a max receives that could never dead-letter', () => {
    expect(() => new InMemoryQueue({ maxReceives: 0, redelivery: schedule })).toThrow(/maxReceives/);
  });
});

describe('local queue consumer', () => {
  const start = (handler: (event: SQSEvent) => Promise<SQSBatchResponse | void>, maxReceives = 3): { queue: LocalQueue; lines: string[] } => {
    const lines: string[] = [];
    const queue = startLocalQueue({
      name: 'test-queue',
      handler,
      batchSize: 2,
      maxReceives,
      redelivery: { baseMs: 1, capMs: 5 },
      functionName: 'test-worker',
      functionTimeoutMs: 1000,
      pollIntervalMs: 5,
      log: (_level, line) => lines.push(line),
    });
    return { queue, lines };
  };

  it('delivers SQS-shaped batches, redelivers partial failures, then dead-letters them', async () => {
    const events: SQSEvent[] = [];
    const { queue, lines } = start(async (event) => {
      events.push(event);
      return { batchItemFailures: event.Records.filter((r) => r.body.startsWith('bad')).map((r) => ({ itemIdentifier: r.messageId })) };
    });
    try {
      const bad = queue.send('bad 1');
      for (const body of ['ok 1', 'ok 2', 'ok 3']) queue.send(body);
      const letters = await eventually(async () => queue.deadLetters(), (d) => d.length === 1, 5000);
      await eventually(async () => queue.backlog(), (n) => n === 0, 5000);
      expect(letters).toMatchObject([{ messageId: bad, body: 'bad 1', receiveCount: 3 }]);
      expect(queue.stats()).toEqual({ sent: 4, deliveries: 6, succeeded: 3, redelivered: 2, deadLettered: 1 });
      expect(Math.max(...events.map((e) => e.Records.length))).toBe(2);
      const badReceives = events.flatMap((e) => e.Records).filter((r) => r.messageId === bad);
      expect(badReceives.map((r) => r.attributes.ApproximateReceiveCount)).toEqual(['1', '2', '3']);
      expect(badReceives[0]).toMatchObject({ eventSource: 'aws:sqs', eventSourceARN: 'arn:aws:sqs:local:000000000000:test-queue', body: 'bad 1' });
      expect(lines.some((l) => l.includes(`message ${bad} failed 3 times; moved to the dead-letter list`))).toBe(true);
    } finally {
      await queue.stop();
    }
  });

  it('fails the whole batch when the invocation throws, and treats no response as success', async () => {
    let calls = 0;
    const { queue, lines } = start(async () => {
      calls += 1;
      if (calls === 1) throw new Error('boom');
    });
    try {
      queue.send('a');
      queue.send('b');
      await eventually(async () => queue.stats(), (s) => s.succeeded === 2, 5000);
      expect(queue.stats()).toMatchObject({ deliveries: 4, redelivered: 2, succeeded: 2, deadLettered: 0 });
      expect(lines.some((l) => l.includes('test-worker invocation failed: boom'))).toBe(true);
    } finally {
      await queue.stop();
    }
  });
});
