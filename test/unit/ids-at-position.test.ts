import { describe, expect, it } from 'vitest';
import { idsAtPosition } from '../../lib/customers/customers.js';

/** The obvious (linear) answer the arithmetic must equal. */
function reference(last: number, vacant: number[], offset: number, count: number): number[] {
  const present = [];
  for (let id = 1; id <= last; id++) if (!vacant.includes(id)) present.push(id);
  return present.slice(offset, offset + count);
}

describe('idsAtPosition', () => {
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
});
