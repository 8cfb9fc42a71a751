import { DescribeTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DescribeStreamCommand, DynamoDBStreamsClient, GetRecordsCommand, GetShardIteratorCommand, type _Record } from '@aws-sdk/client-dynamodb-streams';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startStreamReader, type StreamReader } from '../../lib/local/stream-reader.js';
import { eventually } from '../support/eventually.js';

// DynamoDB Streams faked at the SDK boundary: a closed parent shard 'p' rolled over into an open child 'c'.
const dynamo = mockClient(DynamoDBClient);
const streams = mockClient(DynamoDBStreamsClient);
const streamArn = 'arn:aws:dynamodb:local:000000000000:table/t/stream/1';
const record = (seq: number, eventName: 'INSERT' | 'MODIFY' | 'REMOVE'): _Record => ({ eventName, dynamodb: { SequenceNumber: String(seq), Keys: { pk: { S: `item-${seq % 2}` } } } });

beforeEach(() => {
  dynamo.on(DescribeTableCommand).resolves({ Table: { LatestStreamArn: streamArn, StreamSpecification: { StreamEnabled: true, StreamViewType: 'NEW_AND_OLD_IMAGES' } } });
  streams.on(DescribeStreamCommand).resolves({
    StreamDescription: {
      Shards: [
        { ShardId: 'p', SequenceNumberRange: { StartingSequenceNumber: '1', EndingSequenceNumber: '3' } },
        { ShardId: 'c', ParentShardId: 'p', SequenceNumberRange: { StartingSequenceNumber: '4' } },
      ],
    },
  });
  streams.on(GetShardIteratorCommand).callsFake((input: { ShardId: string }) => ({ ShardIterator: `it-${input.ShardId}` }));
  streams
    .on(GetRecordsCommand, { ShardIterator: 'it-p' })
    .resolves({ Records: [record(1, 'INSERT'), record(2, 'INSERT'), record(3, 'MODIFY')] }) // no next iterator: closed and read
    .on(GetRecordsCommand, { ShardIterator: 'it-c' })
    .resolves({ Records: [record(4, 'MODIFY'), record(5, 'REMOVE'), record(6, 'INSERT')], NextShardIterator: 'it-c-tail' })
    .on(GetRecordsCommand, { ShardIterator: 'it-c-tail' })
    .resolves({ Records: [], NextShardIterator: 'it-c-tail' });
});
afterEach(() => {
  dynamo.reset();
  streams.reset();
});
afterAll(() => {
  dynamo.restore();
  streams.restore();
});

const seqs = (records: _Record[]) => records.map((r) => Number(r.dynamodb!.SequenceNumber));

describe('stream reader', () => {
  let reader: StreamReader | undefined;
  afterEach(async () => {
    await reader?.stop();
    reader = undefined;
  });

  it('delivers every record in order to each subscriber that its own filter accepts, parent shard before child', async () => {
    const all: _Record[] = [];
    const inserts: _Record[] = [];
    const shardsSeen: string[] = [];
    reader = await startStreamReader({
      tableName: 't',
      endpoint: 'http://localhost:1',
      pollIntervalMs: 5,
      log: () => undefined,
      subscribers: [
        { name: 'all', deliver: (records, from) => void (all.push(...records), shardsSeen.push(from.shardId)) },
        { name: 'inserts', filter: (r) => r.eventName === 'INSERT', deliver: (records) => void inserts.push(...records) },
      ],
    });
    expect(reader.streamArn).toBe(streamArn);
    await eventually(async () => all.length, (n) => n === 6, 5000);
    expect(seqs(all)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(shardsSeen).toEqual(['p', 'c']);
    expect(seqs(inserts)).toEqual([1, 2, 6]);
    expect(reader.recordsRead()).toBe(6);
  });

  it('keeps serving the other subscribers when one throws', async () => {
    const lines: string[] = [];
    const kept: _Record[] = [];
    reader = await startStreamReader({
      tableName: 't',
      endpoint: 'http://localhost:1',
      pollIntervalMs: 5,
      log: (_level, line) => lines.push(line),
      subscribers: [
        {
          name: 'broken',
          deliver: () => {
            throw new Error('consumer down');
          },
        },
        { name: 'kept', deliver: (records) => void kept.push(...records) },
      ],
    });
    await eventually(async () => kept.length, (n) => n === 6, 5000);
    expect(seqs(kept)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(lines.some((l) => l.includes('subscriber broken failed on 3 record(s) of shard p: consumer down'))).toBe(true);
  });

  it('refuses a table without a stream', async () => {
    dynamo.on(DescribeTableCommand).resolves({ Table: { LatestStreamArn: undefined } });
    await expect(startStreamReader({ tableName: 't', endpoint: 'http://localhost:1', log: () => undefined })).rejects.toThrow(/no stream enabled/);
  });
});
