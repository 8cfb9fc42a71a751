/**
 * Numbers the cloud pipeline (infra/constructs/geocoding-pipeline.ts), the
 * worker and the local pipeline must agree on, in one place.
 */
export const geocodingSettings = {
  /**
   * Deliveries of one message before SQS moves it to the dead-letter queue
   * (the redrive policy's maxReceiveCount). The worker writes `failed` on the
   * last one, so no location stays `pending` once retries are spent.
   */
  maxReceives: 5,
  /** Messages per worker invocation (SQS event source batch size). */
  batchSize: 10,
  /** At most this many worker invocations at once: the provider's request quota, not Lambda, is the limit. */
  maxConcurrency: 2,
  /** Worker function timeout. */
  functionTimeoutSeconds: 30,
  /** The queue's visibility timeout: AWS asks for at least 6× the function timeout with an SQS event source. */
  visibilityTimeoutSeconds: 180,
  /** Records per Pipe batch into the queue. */
  pipeBatchSize: 10,
} as const;

/** The worker reads its max receives from MAX_RECEIVES (set by CDK from the same constant as the queue's redrive policy). */
export function maxReceivesFromEnv(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env.MAX_RECEIVES;
  if (raw === undefined || raw === '') return geocodingSettings.maxReceives;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1) throw new Error(`MAX_RECEIVES=${raw} must be a positive integer (the queue's maxReceiveCount)`);
  return n;
}
