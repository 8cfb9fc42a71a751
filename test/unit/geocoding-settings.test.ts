import { describe, expect, it } from 'vitest';
import { geocodingSettings, maxReceivesFromEnv } from '../../lib/geocoding/settings.js';

describe('geocoding settings', () => {
  it('reads MAX_RECEIVES, defaulting to the queue setting', () => {
    expect(maxReceivesFromEnv({})).toBe(geocodingSettings.maxReceives);
    expect(maxReceivesFromEnv({ MAX_RECEIVES: '' })).toBe(geocodingSettings.maxReceives);
    expect(maxReceivesFromEnv({ MAX_RECEIVES: '3' })).toBe(3);
  });

  it('refuses a MAX_RECEIVES that is no positive integer, naming the variable', () => {
    for (const bad of ['0', '-1', '2.5', 'five']) expect(() => maxReceivesFromEnv({ MAX_RECEIVES: bad })).toThrow(/MAX_RECEIVES/);
  });

  it('keeps the visibility timeout at least 6× the worker timeout, and concurrency within what SQS event sources allow', () => {
    expect(geocodingSettings.visibilityTimeoutSeconds).toBeGreaterThanOrEqual(6 * geocodingSettings.functionTimeoutSeconds);
    expect(geocodingSettings.maxConcurrency).toBeGreaterThanOrEqual(2); // SQS event source minimum
    expect(geocodingSettings.batchSize).toBeLessThanOrEqual(10); // above 10 needs a batching window
  });
});
