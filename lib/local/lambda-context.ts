import { randomUUID } from 'node:crypto';
import type { Context } from 'aws-lambda';

/** A Lambda context for a local invocation (HTTP handler or queue consumer), its remaining time counting down from now. */
export function localLambdaContext(opts: {
  functionName: string;
  timeoutMs: number;
  memoryMb: number;
  requestId?: string;
  now?: () => number;
}): Context {
  const now = opts.now ?? Date.now;
  const deadline = now() + opts.timeoutMs;
  return {
    callbackWaitsForEmptyEventLoop: false,
    functionName: opts.functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:local:000000000000:function:${opts.functionName}`,
    memoryLimitInMB: String(opts.memoryMb),
    awsRequestId: opts.requestId ?? randomUUID(),
    logGroupName: `/aws/lambda/${opts.functionName}`,
    logStreamName: 'local',
    getRemainingTimeInMillis: () => Math.max(0, deadline - now()),
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}
