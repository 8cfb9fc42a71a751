/**
 * The one retry policy: exponential backoff with full jitter (a random wait in
 * [0, min(cap, base · 2^(attempt-1))]), so that writers racing on one item
 * spread out instead of colliding again in step. Every retried DynamoDB call
 * and every optimistic write loop takes its waits from here; what differs is
 * only the named profile.
 */
export interface RetryProfile {
  /** The first attempt's ceiling, in ms. */
  baseMs: number;
  /** No wait is longer than this, in ms. */
  capMs: number;
  /** Attempts in all, the first included; past them the caller gives up (an optimistic write: 503). */
  maxAttempts: number;
}

export const retryProfiles = {
  /** Read-modify-write loops that lost a race (conditional write or transaction condition failed). */
  optimisticWrite: { baseMs: 10, capMs: 640, maxAttempts: 10 },
  /** A transaction cancelled only because another transaction held one of its items. */
  transactionConflict: { baseMs: 20, capMs: 640, maxAttempts: 9 },
  /** Unprocessed keys or items of a BatchGetItem / BatchWriteItem. */
  unprocessedItems: { baseMs: 25, capMs: 1000, maxAttempts: 10 },
  /** Many writers racing on one counter item, each already knowing what to try next. */
  counterRace: { baseMs: 2, capMs: 40, maxAttempts: 200 },
} as const satisfies Record<string, RetryProfile>;

/** The wait before attempt `attempt + 1`, after `attempt` (≥ 1) attempts failed. */
export function backoffDelayMs(attempt: number, profile: RetryProfile, random: () => number = Math.random): number {
  const ceiling = Math.min(profile.capMs, profile.baseMs * 2 ** Math.min(Math.max(attempt - 1, 0), 30));
  return random() * ceiling;
}

/** Sleeps the policy's wait after `attempt` failed attempts. */
export function backoff(attempt: number, profile: RetryProfile): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, backoffDelayMs(attempt, profile)));
}

/** What an attempt returns when it lost (a race, or part of a batch) and should run again after the policy's wait. */
export const retryAgain: unique symbol = Symbol('retryAgain');

/**
 * The retry loop, written once: runs `attempt(1)`, `attempt(2)`, … until one
 * returns a value, waiting the profile's backoff after each that returned
 * `retryAgain`. When the profile's last attempt also returns `retryAgain`, it
 * throws `giveUp()` — for a write, the 503 that tells the client to retry
 * later, since a busy item is a transient condition, not a bug. Whatever an
 * attempt throws propagates at once. `wait` is replaceable for tests.
 */
export async function withRetries<T>(
  profile: RetryProfile,
  attempt: (n: number) => Promise<T | typeof retryAgain>,
  giveUp: () => Error,
  wait: (attempt: number, profile: RetryProfile) => Promise<void> = backoff,
): Promise<T> {
  for (let n = 1; ; n++) {
    const result = await attempt(n);
    if (result !== retryAgain) return result;
    if (n >= profile.maxAttempts) throw giveUp();
    await wait(n, profile);
  }
}
