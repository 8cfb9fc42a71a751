import { describe, expect, it } from 'vitest';
import { bucketsForPage, idsForPage, listedCount, type IdSpace } from '../../lib/customers/id-positions.js';

/**
 * The page arithmetic a plain list runs (lib/customers/id-positions.ts), with
 * the absent ids grouped by bucket as the store keeps them. Small buckets here,
 * so that pages cross bucket boundaries often.
 */
let bucketSize = 4;
let bucketsRead: number[] = [];
function idsAtPosition(last: number, absent: number[], offset: number, count: number): number[] {
  const counts = new Map<number, number>();
  const sets = new Map<number, Set<number>>();
  for (const id of absent) {
    const b = Math.floor((id - 1) / bucketSize);
    counts.set(b, (counts.get(b) ?? 0) + 1);
    sets.set(b, (sets.get(b) ?? new Set()).add(id));
  }
  const space: IdSpace = { last, bucketSize, absentCounts: counts };
  expect(listedCount(space)).toBe(last - absent.length);
  const buckets = bucketsForPage(space, offset, count);
  bucketsRead = buckets;
  // Only the buckets named are handed over: a page that needed another would come out wrong.
  return idsForPage(space, new Map(buckets.map((b) => [b, sets.get(b)!])), offset, count);
}

/** The obvious (linear) answer the arithmetic must equal. */
function reference(last: number, vacant: number[], offset: number, count: number): number[] {
  const present = [];
  for (let id = 1; id <= last; id++) if (!vacant.includes(id)) present.push(id);
  return present.slice(offset, offset + count);
}

describe('ids at list positions, bucketed', () => {
  it('pages 1..last without vacancies', () => {
    expect(idsAtPosition(5, [], 0, 2)).toEqual([1, 2]);
    expect(idsAtPosition(5, [], 2, 2)).toEqual([3, 4]);
    expect(idsAtPosition(5, [], 4, 2)).toEqual([5]);
    expect(idsAtPosition(5, [], 5, 2)).toEqual([]);
    expect(idsAtPosition(0, [], 0, 50)).toEqual([]);
  });

  it('skips vacancies and keeps pages full', () => {
    expect(idsAtPosition(10, [1, 2], 0, 3)).toEqual([3, 4, 5]);
    expect(idsAtPosition(10, [2], 1, 3)).toEqual([3, 4, 5]);
    expect(idsAtPosition(10, [3, 4, 7], 2, 3)).toEqual([5, 6, 8]);
    expect(idsAtPosition(10, [10], 8, 5)).toEqual([9]);
    expect(idsAtPosition(3, [1, 2, 3], 0, 5)).toEqual([]);
  });

  it('equals the linear reference for every offset of many vacancy patterns', () => {
    const last = 30;
    for (let seed = 1; seed <= 40; seed++) {
      const vacant = Array.from({ length: last }, (_, i) => i + 1).filter((id) => (id * seed * 7919) % 5 === 0 || id % (seed + 2) === 0);
      for (let offset = 0; offset <= last; offset++) {
        for (const count of [1, 3, 10]) expect(idsAtPosition(last, vacant, offset, count)).toEqual(reference(last, vacant, offset, count));
      }
    }
  });

  it('equals the reference with buckets of every size, and reads only the buckets the page falls in', () => {
    const last = 57;
    for (const size of [1, 3, 4, 10, 1000]) {
      bucketSize = size;
      for (let seed = 1; seed <= 12; seed++) {
        const vacant = Array.from({ length: last }, (_, i) => i + 1).filter((id) => (id * seed * 7919) % 3 === 0 || id % (seed + 3) === 0);
        for (let offset = 0; offset <= last; offset += 3) {
          for (const count of [1, 5, 20]) {
            expect(idsAtPosition(last, vacant, offset, count)).toEqual(reference(last, vacant, offset, count));
            const page = reference(last, vacant, offset, count);
            if (page.length > 0) {
              // At most the buckets from the page's first id to its last.
              const span = Math.floor((page.at(-1)! - 1) / size) - Math.floor((page[0]! - 1) / size) + 1;
              expect(bucketsRead.length).toBeLessThanOrEqual(span);
            }
          }
        }
      }
    }
    bucketSize = 4;
  });

  it('walks 100,000 ids with half of them absent without looking at an id before the page', () => {
    bucketSize = 1000;
    const absent = Array.from({ length: 50_000 }, (_, i) => 2 * i + 1);
    expect(idsAtPosition(100_000, absent, 49_990, 20)).toEqual(Array.from({ length: 10 }, (_, i) => 99_982 + 2 * i));
    expect(bucketsRead).toEqual([99]);
    bucketSize = 4;
  });
});
