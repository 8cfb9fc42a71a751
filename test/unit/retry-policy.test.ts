import { describe, expect, it } from 'vitest';
import { backoffDelayMs, retryAgain, retryProfiles, withRetries, type RetryProfile } from '../../lib/retry-policy.js';

const profile: RetryProfile = { baseMs: 10, capMs: 100, maxAttempts: 4 };
const top = () => 1 - Number.EPSILON;

describe('backoffDelayMs', () => {
  it('doubles its ceiling from the base after each failed attempt, up to the cap', () => {
    expect([1, 2, 3, 4, 5, 6].map((n) => backoffDelayMs(n, profile, top))).toEqual(
      [10, 20, 40, 80, 100, 100].map((ms) => ms * top()),
    );
  });

  it('is full jitter: the random draw scales the whole ceiling, from 0 up', () => {
    expect(backoffDelayMs(3, profile, () => 0)).toBe(0);
    expect(backoffDelayMs(3, profile, () => 0.25)).toBe(10);
    expect(backoffDelayMs(3, profile, () => 0.5)).toBe(20);
  });

  it('stays within [0, cap] for any attempt, however large, in every profile', () => {
    for (const p of Object.values(retryProfiles)) {
      for (const n of [0, 1, 2, 10, 31, 64, 1000, Number.MAX_SAFE_INTEGER]) {
        for (const r of [0, 0.5, top()]) {
          const ms = backoffDelayMs(n, p, () => r);
          expect(Number.isFinite(ms)).toBe(true);
          expect(ms).toBeGreaterThanOrEqual(0);
          expect(ms).toBeLessThanOrEqual(p.capMs);
        }
      }
    }
  });

  it('draws from Math.random by default, within the ceiling', () => {
    for (let i = 0; i < 100; i++) {
      const ms = backoffDelayMs(2, profile);
      expect(ms).toBeGreaterThanOrEqual(0);
      expect(ms).toBeLessThan(20);
    }
  });
});

describe('withRetries', () => {
  /** A wait that only records after which attempt it was asked to wait. */
  function recordingWait() {
    const after: number[] = [];
    return { after, wait: async (n: number) => void after.push(n) };
  }

  it('returns the first attempt that does not ask to retry, waiting between attempts only', async () => {
    const { after, wait } = recordingWait();
    const seen: number[] = [];
    const result = await withRetries(
      profile,
      async (n) => {
        seen.push(n);
        return n < 3 ? retryAgain : `won at ${n}`;
      },
      () => new Error('gave up'),
      wait,
    );
    expect(result).toBe('won at 3');
    expect(seen).toEqual([1, 2, 3]);
    expect(after).toEqual([1, 2]);
  });

  it('returns a first-attempt success at once, undefined included', async () => {
    const { after, wait } = recordingWait();
    await expect(withRetries(profile, async () => undefined, () => new Error('gave up'), wait)).resolves.toBeUndefined();
    expect(after).toEqual([]);
  });

  it("throws giveUp()'s error after maxAttempts lost attempts, with no wait after the last", async () => {
    const { after, wait } = recordingWait();
    let attempts = 0;
    class Busy extends Error {}
    const running = withRetries(
      profile,
      async () => {
        attempts += 1;
        return retryAgain;
      },
      () => new Busy('still busy'),
      wait,
    );
    await expect(running).rejects.toBeInstanceOf(Busy);
    expect(attempts).toBe(profile.maxAttempts);
    expect(after).toEqual([1, 2, 3]);
  });

  it('lets an error thrown by an attempt through at once, without retrying', async () => {
    const { after, wait } = recordingWait();
    let attempts = 0;
    const running = withRetries(
      profile,
      async () => {
        attempts += 1;
        throw new TypeError('a bug');
      },
      () => new Error('gave up'),
      wait,
    );
    await expect(running).rejects.toThrow(TypeError);
    expect(attempts).toBe(1);
    expect(after).toEqual([]);
  });

  it('waits for real with the default backoff (a tiny profile)', async () => {
    let attempts = 0;
    const result = await withRetries({ baseMs: 1, capMs: 1, maxAttempts: 3 }, async () => (++attempts < 3 ? retryAgain : 'done'), () => new Error('gave up'));
    expect(result).toBe('done');
    expect(attempts).toBe(3);
  });
});
