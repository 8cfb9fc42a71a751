import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { App } from 'aws-cdk-lib';
import { describe, expect, it } from 'vitest';
import { readSettings, settingDefaults } from '../../infra/settings.js';
import { rateLimitDefaults } from '../../lib/edge/rate-limit.js';
import { synthFieldbook } from './synth.js';

const settingsFrom = (context: Record<string, unknown>) => readSettings(new App({ context }).node);

describe('deploy-time settings (CDK context)', () => {
  it('has defaults when nothing is set', () => {
    expect(settingsFrom({})).toEqual({
      stage: '',
      logRetention: settingDefaults.logRetentionDays,
      throttleRateLimit: settingDefaults.throttleRateLimit,
      throttleBurstLimit: settingDefaults.throttleBurstLimit,
      rateLimit: rateLimitDefaults,
      accessLogExpirationDays: 90,
      alarmEmail: '',
      originSecretGeneration: 1,
    });
  });

  it('reads values given on the command line as strings (-c key=value)', () => {
    expect(
      settingsFrom({
        stage: 'prod',
        logRetentionDays: '90',
        throttleRateLimit: '50',
        throttleBurstLimit: '75',
        rateLimitPerKey: '600',
        rateLimitPerIpWithoutKey: '50',
        rateLimitPerIp: '2000',
        rateLimitWindowSeconds: '60',
        accessLogExpirationDays: '30',
        alarmEmail: 'ops@example.com',
        originSecretGeneration: '2',
      }),
    ).toEqual({
      stage: 'prod',
      logRetention: 90,
      throttleRateLimit: 50,
      throttleBurstLimit: 75,
      rateLimit: { perKey: 600, perIpWithoutKey: 50, perIp: 2000, windowSeconds: 60 },
      accessLogExpirationDays: 30,
      alarmEmail: 'ops@example.com',
      originSecretGeneration: 2,
    });
  });

  it('rejects values CloudFormation or CloudWatch would reject later', () => {
    expect(() => settingsFrom({ stage: 'my stage' })).toThrow(/stage/);
    expect(() => settingsFrom({ logRetentionDays: 10 })).toThrow(/logRetentionDays/);
    expect(() => settingsFrom({ throttleRateLimit: '0' })).toThrow(/throttleRateLimit/);
    expect(() => settingsFrom({ throttleBurstLimit: 'lots' })).toThrow(/throttleBurstLimit/);
    // WAF: a rate limit of at least 10, a window of 60, 120, 300 or 600 seconds.
    expect(() => settingsFrom({ rateLimitPerKey: 5 })).toThrow(/rateLimitPerKey/);
    expect(() => settingsFrom({ rateLimitPerIpWithoutKey: 3 })).toThrow(/rateLimitPerIpWithoutKey/);
    expect(() => settingsFrom({ rateLimitWindowSeconds: 90 })).toThrow(/rateLimitWindowSeconds/);
    expect(() => settingsFrom({ alarmEmail: 'not an address' })).toThrow(/alarmEmail/);
  });

  it('applies log retention to every log group and throttling to the stage', { timeout: 180_000 }, () => {
    // Bundling skipped: this file is about settings, stack.test.ts checks the bundles.
    const { template } = synthFieldbook({
      bundle: false,
      context: { logRetentionDays: 7, throttleRateLimit: 5, throttleBurstLimit: 10 },
    });
    const logGroups = Object.values(template.findResources('AWS::Logs::LogGroup'));
    expect(logGroups.length).toBeGreaterThan(1);
    for (const lg of logGroups) expect(lg.Properties.RetentionInDays).toBe(7);
    template.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      DefaultRouteSettings: { ThrottlingRateLimit: 5, ThrottlingBurstLimit: 10 },
    });
  });
});

describe('the CDK app (cdk.json)', () => {
  it('runs infra/app.ts through the CLI and names the stack Fieldbook-<stage> with -c stage=…', { timeout: 180_000 }, async () => {
    // `cdk ls` runs the app as `cdk synth` does, minus bundling; no AWS account needed.
    const env = { ...process.env, AWS_EC2_METADATA_DISABLED: 'true', CI: 'true' };
    const { stdout } = await promisify(execFile)('npx', ['cdk', 'ls', '--no-notices', '-c', 'stage=dev'], { env });
    expect(stdout.trim().split('\n')).toEqual(['Fieldbook-dev']);
  });
});
