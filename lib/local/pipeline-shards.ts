import type { Shard } from '@aws-sdk/client-dynamodb-streams';

/** What the local pipeline knows of one stream shard. */
export interface ShardState {
  id: string;
  parentId?: string;
  iterator?: string;
  lastSequenceNumber?: string;
  /** Closed and read to its end (or skipped): its children may be read. */
  done: boolean;
}

/**
 * Adds the shards DescribeStream lists that are not known yet. A shard rolls
 * over into a closed parent and an open child; on the first look with
 * LATEST, shards already closed hold nothing new and count as done.
 */
export function addNewShards(
  known: Map<string, ShardState>,
  described: readonly Shard[],
  opts: { first: boolean; startingPosition: 'TRIM_HORIZON' | 'LATEST' },
): void {
  for (const shard of described) {
    if (!shard.ShardId || known.has(shard.ShardId)) continue;
    const closed = shard.SequenceNumberRange?.EndingSequenceNumber !== undefined;
    known.set(shard.ShardId, {
      id: shard.ShardId,
      parentId: shard.ParentShardId,
      done: opts.first && opts.startingPosition === 'LATEST' && closed,
    });
  }
}

/**
 * The shards to read now: not done, and whose parent is done or no longer
 * listed (trimmed). Reading parents first keeps each item's changes in order,
 * as Lambda and Pipes do.
 */
export function shardsToRead(known: ReadonlyMap<string, ShardState>): ShardState[] {
  return [...known.values()].filter((s) => {
    if (s.done) return false;
    const parent = s.parentId ? known.get(s.parentId) : undefined;
    return !parent || parent.done;
  });
}
