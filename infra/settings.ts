import type { Node } from 'constructs';
import { RetentionDays } from 'aws-cdk-lib/aws-logs';
import { checkRateLimitSettings, rateLimitDefaults, type RateLimitSettings, type RateLimitWindow } from '../lib/edge/rate-limit.js';

/**
 * Deploy-time knobs, all read from CDK context (`-c key=value` or cdk.json), so
 * that every construct — including ones added later — sees the same values.
 */
export interface FieldbookSettings {
  /** Deployment stage, e.g. "dev" or "prod": names the stack Fieldbook-<stage>. Empty: plain "Fieldbook". */
  stage: string;
  /** Retention of every function's and the API's logs, in days (a CloudWatch-allowed value). */
  logRetention: RetentionDays;
  /** Default API throttling for the whole stage (requests per second, burst). */
  throttleRateLimit: number;
  throttleBurstLimit: number;
  /** The edge's per-key and per-IP limits (WAF rate-based rules; lib/edge/rate-limit.ts). */
  rateLimit: RateLimitSettings;
  /** Days CloudFront access logs are kept in their bucket before expiring. */
  accessLogExpirationDays: number;
  /** Where alarm notifications go (an SNS e-mail subscription); empty: the topic has no subscriber. */
  alarmEmail: string;
  /** Bump to rotate the origin secret (x-origin-verify) at the next deploy. */
  originSecretGeneration: number;
}

export const settingDefaults = {
  stage: '',
  logRetentionDays: 30,
  throttleRateLimit: 100,
  throttleBurstLimit: 200,
  rateLimitPerKey: rateLimitDefaults.perKey,
  rateLimitPerIpWithoutKey: rateLimitDefaults.perIpWithoutKey,
  rateLimitPerIp: rateLimitDefaults.perIp,
  rateLimitWindowSeconds: rateLimitDefaults.windowSeconds,
  accessLogExpirationDays: 90,
  alarmEmail: '',
  originSecretGeneration: 1,
} as const;

export function readSettings(node: Node): FieldbookSettings {
  const context = (key: string): unknown => node.tryGetContext(key);
  const stage = String(context('stage') ?? settingDefaults.stage);
  if (stage && !/^[A-Za-z][A-Za-z0-9-]{0,31}$/.test(stage)) {
    throw new Error(`context "stage" must be letters, digits and dashes (starting with a letter), got "${stage}"`);
  }
  const days = positiveInteger(context, 'logRetentionDays', settingDefaults.logRetentionDays);
  if (!(Object.values(RetentionDays) as unknown[]).includes(days)) {
    throw new Error(`context "logRetentionDays" must be a CloudWatch retention (1, 3, 5, 7, 14, 30, 60, 90, …), got ${days}`);
  }
  return {
    stage,
    logRetention: days as RetentionDays,
    throttleRateLimit: positiveInteger(context, 'throttleRateLimit', settingDefaults.throttleRateLimit),
    throttleBurstLimit: positiveInteger(context, 'throttleBurstLimit', settingDefaults.throttleBurstLimit),
    rateLimit: readRateLimit(context),
    accessLogExpirationDays: positiveInteger(context, 'accessLogExpirationDays', settingDefaults.accessLogExpirationDays),
    alarmEmail: readEmail(context),
    originSecretGeneration: positiveInteger(context, 'originSecretGeneration', settingDefaults.originSecretGeneration),
  };
}

function readRateLimit(context: (key: string) => unknown): RateLimitSettings {
  const settings = {
    perKey: positiveInteger(context, 'rateLimitPerKey', settingDefaults.rateLimitPerKey),
    perIpWithoutKey: positiveInteger(context, 'rateLimitPerIpWithoutKey', settingDefaults.rateLimitPerIpWithoutKey),
    perIp: positiveInteger(context, 'rateLimitPerIp', settingDefaults.rateLimitPerIp),
    windowSeconds: positiveInteger(context, 'rateLimitWindowSeconds', settingDefaults.rateLimitWindowSeconds) as RateLimitWindow,
  };
  try {
    return checkRateLimitSettings(settings);
  } catch (err) {
    // Name the context key, not the field: that is what the deployer typed.
    const field = /"(\w+)"/.exec((err as Error).message)?.[1] ?? '';
    throw new Error(`context "rateLimit${field.charAt(0).toUpperCase()}${field.slice(1)}": ${(err as Error).message}`);
  }
}

function readEmail(context: (key: string) => unknown): string {
  const raw = String(context('alarmEmail') ?? settingDefaults.alarmEmail).trim();
  if (raw && !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(raw)) throw new Error(`context "alarmEmail" must be an e-mail address, got "${raw}"`);
  return raw;
}

function positiveInteger(context: (key: string) => unknown, key: string, fallback: number): number {
  const raw = context(key);
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value <= 0) throw new Error(`context "${key}" must be a positive integer, got "${String(raw)}"`);
  return value;
}
