import { describe, expect, it } from 'vitest';
import { sameInstant, toStoredInstant } from '../../lib/instants.js';

describe('instants', () => {
  it('stores whole UTC seconds', () => {
    expect(toStoredInstant(new Date('2026-01-15T10:00:00.987Z'))).toBe('2026-01-15T10:00:00Z');
  });

  it('treats the same instant written another way as equal, for customers and locations alike', () => {
    const stored = '2026-01-15T10:00:00Z';
    for (const same of [stored, '2026-01-15T10:00:00.000Z', '2026-01-15T10:00:00+00:00', '2026-01-15T11:00:00+01:00', '2026-01-15t10:00:00z']) {
      expect(sameInstant(same, stored)).toBe(true);
    }
    for (const other of ['2026-01-15T10:00:01Z', '2026-01-15T10:00:00.5Z', '2026-01-15T10:00:00', '2026-02-30T10:00:00Z', 42, null]) {
      expect(sameInstant(other, stored)).toBe(false);
    }
  });

  it('compares a never-set timestamp (null) only with null', () => {
    expect(sameInstant(null, null)).toBe(true);
    expect(sameInstant('2026-01-15T10:00:00Z', null)).toBe(false);
  });
});
