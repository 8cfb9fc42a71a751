import { describe, expect, it } from 'vitest';
import {
  checkRateLimitSettings,
  edgeRequestId,
  FixedWindowLimiter,
  LocalRateLimiter,
  parseLocalRateLimit,
  rateLimitDefaults,
  rateLimitedBody,
} from '../../lib/edge/rate-limit.js';
import { requestIdPattern } from '../../lib/openapi/envelopes.js';

/** A clock the test moves by hand. */
function clock(start = 1_000_000) {
  let now = start;
  return { now: () => now, advance: (ms: number) => (now += ms) };
}

describe('FixedWindowLimiter', () => {
  it('allows `limit` requests per key per window, then tells the seconds to the window end', () => {
    const c = clock();
    const limiter = new FixedWindowLimiter(3, 60_000, c.now);
    expect([limiter.take('a'), limiter.take('a'), limiter.take('a')]).toEqual([undefined, undefined, undefined]);
    c.advance(15_500);
    expect(limiter.take('a')).toBe(45); // 44.5 s left, rounded up
    expect(limiter.take('b')).toBeUndefined(); // another key has its own window
    c.advance(44_500);
    expect(limiter.take('a')).toBeUndefined(); // a new window
  });

  it('never tells less than one second', () => {
    const c = clock();
    const limiter = new FixedWindowLimiter(1, 1000, c.now);
    limiter.take('a');
    c.advance(999);
    expect(limiter.take('a')).toBe(1);
  });
});

describe('LocalRateLimiter', () => {
  it('counts per key when a key is sent, per client IP when not (an empty key is none)', () => {
    const c = clock();
    const limiter = new LocalRateLimiter({ ...rateLimitDefaults, perKey: 10, perIpWithoutKey: 10, windowSeconds: 60 }, c.now);
    for (let i = 0; i < 10; i++) expect(limiter.check('key-1', '10.0.0.1')).toBeUndefined();
    expect(limiter.check('key-1', '10.0.0.2')).toEqual({ by: 'key', retryAfterSeconds: 60 });
    expect(limiter.check('key-2', '10.0.0.1')).toBeUndefined();
    for (let i = 0; i < 5; i++) limiter.check(undefined, '10.0.0.1');
    for (let i = 0; i < 5; i++) limiter.check('', '10.0.0.1');
    expect(limiter.check(undefined, '10.0.0.1')).toEqual({ by: 'ip', retryAfterSeconds: 60 });
    expect(limiter.check(undefined, '10.0.0.9')).toBeUndefined();
  });
});

describe('rateLimitedBody', () => {
  it('is the error envelope, request_id last', () => {
    const body = JSON.parse(rateLimitedBody('key', 42, 'abc123'));
    expect(Object.keys(body)).toEqual(['success', 'error', 'request_id']);
    expect(body).toEqual({
      success: false,
      error: { code: 'rate_limited', message: 'Too many requests for this API key; retry after 42 seconds' },
      request_id: 'abc123',
    });
    expect(JSON.parse(rateLimitedBody('ip', 60, 'x')).error.message).toBe('Too many requests from this client address; retry after 60 seconds');
  });

  it("carries a request_id the contract accepts when the edge answers (a static body can't hold a real one)", () => {
    expect(edgeRequestId).toMatch(new RegExp(requestIdPattern));
  });
});

describe('settings', () => {
  it('are off locally unless LOCAL_RATE_LIMIT says otherwise', () => {
    for (const off of [undefined, '', '0', 'off', 'false', ' OFF ']) expect(parseLocalRateLimit(off)).toBeUndefined();
    for (const on of ['1', 'on', 'true']) expect(parseLocalRateLimit(on)).toEqual(rateLimitDefaults);
    expect(parseLocalRateLimit('perKey=12, windowSeconds=60')).toEqual({ ...rateLimitDefaults, perKey: 12, windowSeconds: 60 });
    expect(() => parseLocalRateLimit('perKey=lots')).toThrow(/LOCAL_RATE_LIMIT/);
    expect(() => parseLocalRateLimit('burst=3')).toThrow(/LOCAL_RATE_LIMIT/);
  });

  it('hold to what WAF accepts: limits of at least 10, windows of 60, 120, 300 or 600 s', () => {
    expect(checkRateLimitSettings(rateLimitDefaults)).toEqual(rateLimitDefaults);
    expect(() => parseLocalRateLimit('perKey=9')).toThrow(/perKey/);
    expect(() => checkRateLimitSettings({ ...rateLimitDefaults, perIp: 2.5 })).toThrow(/perIp/);
    expect(() => checkRateLimitSettings({ ...rateLimitDefaults, windowSeconds: 30 as never })).toThrow(/windowSeconds/);
  });
});
