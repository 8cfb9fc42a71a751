import type { Shard } from '@aws-sdk/client-dynamodb-streams';
import { describe, expect, it } from 'vitest';
import { addNewShards, shardsToRead, type ShardState } from '../../lib/local/pipeline-shards.js';

const closed = (id: string, parent?: string): Shard => ({ ShardId: id, ParentShardId: parent, SequenceNumberRange: { StartingSequenceNumber: '1', EndingSequenceNumber: '9' } });
const open = (id: string, parent?: string): Shard => ({ ShardId: id, ParentShardId: parent, SequenceNumberRange: { StartingSequenceNumber: '10' } });
const ids = (shards: ShardState[]) => shards.map((s) => s.id);

describe('local pipeline shard rollover', () => {
  it('from the trim horizon, reads a closed parent to its end before its child', () => {
    const known = new Map<string, ShardState>();
    addNewShards(known, [closed('a'), open('b', 'a')], { first: true, startingPosition: 'TRIM_HORIZON' });
    expect(ids(shardsToRead(known))).toEqual(['a']);
    known.get('a')!.done = true; // GetRecords returned no NextShardIterator
    expect(ids(shardsToRead(known))).toEqual(['b']);
  });

  it('from LATEST, skips shards already closed at start and reads the open one', () => {
    const known = new Map<string, ShardState>();
    addNewShards(known, [closed('a'), open('b', 'a')], { first: true, startingPosition: 'LATEST' });
    expect(ids(shardsToRead(known))).toEqual(['b']);
  });

  it('picks up a child that appears after its parent closes, and never re-adds a known shard', () => {
    const known = new Map<string, ShardState>();
    addNewShards(known, [open('a')], { first: true, startingPosition: 'LATEST' });
    known.get('a')!.iterator = 'it-a';
    // The shard rolled over: 'a' is now closed (and being read to its end), 'b' is new.
    addNewShards(known, [closed('a'), open('b', 'a')], { first: false, startingPosition: 'LATEST' });
    expect(known.get('a')).toMatchObject({ iterator: 'it-a', done: false });
    expect(known.get('b')).toMatchObject({ done: false, parentId: 'a' });
    expect(ids(shardsToRead(known))).toEqual(['a']);
    known.get('a')!.done = true;
    expect(ids(shardsToRead(known))).toEqual(['b']);
  });

  it('reads a child whose parent was trimmed from the stream', () => {
    const known = new Map<string, ShardState>();
    addNewShards(known, [open('c', 'gone')], { first: true, startingPosition: 'TRIM_HORIZON' });
    expect(ids(shardsToRead(known))).toEqual(['c']);
  });

  it('reads sibling children (a split) once their parent is done', () => {
    const known = new Map<string, ShardState>();
    addNewShards(known, [closed('p'), open('c1', 'p'), open('c2', 'p')], { first: true, startingPosition: 'TRIM_HORIZON' });
    expect(ids(shardsToRead(known))).toEqual(['p']);
    known.get('p')!.done = true;
    expect(ids(shardsToRead(known))).toEqual(['c1', 'c2']);
  });
});
