import type { Node } from 'constructs';
import { RetentionDays } from 'aws-cdk-lib/aws-logs';

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
}

export const settingDefaults = {
  stage: '',
  logRetentionDays: 30,
  throttleRateLimit: 100,
  throttleBurstLimit: 200,
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
  };
}

function positiveInteger(context: (key: string) => unknown, key: string, fallback: number): number {
  const raw = context(key);
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value <= 0) throw new Error(`context "${key}" must be a positive integer, got "${String(raw)}"`);
  return value;
}
