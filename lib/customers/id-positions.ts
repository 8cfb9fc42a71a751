/**
 * Which customer ids sit at which list positions (pure arithmetic). A tenant's
 * ids run 1..last; some are absent from a list (trashed, erased, or a create
 * not landed). Absent ids are counted per bucket of ids, so a page is found by
 * walking the bucket counts, then reading the absent ids of only the one or
 * two buckets the page falls in. Nothing here grows with deletions except the
 * number of buckets with a gap, at most one per `bucketSize` ids.
 */

export interface IdSpace {
  /** The last id handed out. */
  last: number;
  bucketSize: number;
  /** Absent ids per bucket (bucket b holds ids b·size+1 … (b+1)·size); buckets not listed have none. */
  absentCounts: ReadonlyMap<number, number>;
}

/** How many ids of 1..last are listed. */
export function listedCount(space: IdSpace): number {
  let absent = 0;
  for (const n of space.absentCounts.values()) absent += n;
  return Math.max(0, space.last - absent);
}

interface Slice {
  bucket: number;
  /** Listed ids of this bucket to skip before the page starts. */
  skip: number;
}

/** The buckets positions [offset, offset+count) fall in, in order, and how many listed ids to skip in the first. */
function slicesOf(space: IdSpace, offset: number, count: number): Slice[] {
  const { last, bucketSize } = space;
  const slices: Slice[] = [];
  let before = 0;
  let needed = count;
  const buckets = Math.ceil(last / bucketSize);
  // One step per bucket of ids (100 for 100,000 customers): no id is looked at before the page.
  for (let b = 0; b < buckets && needed > 0; b++) {
    const size = Math.min(bucketSize, last - b * bucketSize);
    const listed = size - (space.absentCounts.get(b) ?? 0);
    if (listed <= 0) continue;
    if (before + listed <= offset) {
      before += listed;
      continue;
    }
    const skip = slices.length === 0 ? offset - before : 0;
    slices.push({ bucket: b, skip });
    needed -= listed - skip;
    before += listed;
  }
  return slices;
}

/** The buckets whose absent ids a page at [offset, offset+count) needs (only those with gaps). */
export function bucketsForPage(space: IdSpace, offset: number, count: number): number[] {
  return slicesOf(space, offset, count)
    .map((s) => s.bucket)
    .filter((b) => space.absentCounts.has(b));
}

/**
 * The listed ids at positions [offset, offset+count), given the absent ids of
 * the buckets `bucketsForPage` named (other buckets have none).
 */
export function idsForPage(space: IdSpace, absentIds: ReadonlyMap<number, ReadonlySet<number>>, offset: number, count: number): number[] {
  const ids: number[] = [];
  for (const { bucket, skip } of slicesOf(space, offset, count)) {
    const absent = absentIds.get(bucket);
    const first = bucket * space.bucketSize + 1;
    const end = Math.min(first + space.bucketSize - 1, space.last);
    let skipped = 0;
    for (let id = first; id <= end && ids.length < count; id++) {
      if (absent?.has(id)) continue;
      if (skipped < skip) skipped++;
      else ids.push(id);
    }
  }
  return ids;
}
