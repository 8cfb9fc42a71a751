import { createHash, timingSafeEqual } from 'node:crypto';
import { AppError } from '../../errors.js';
import type { HttpRequest } from '../types.js';

/** The header CloudFront adds on its way to the origin, and the env var holding its value. */
export const originVerifyHeader = 'x-origin-verify';
export const originVerifySecretEnv = 'ORIGIN_VERIFY_SECRET';

/** Hashing first gives equal-length buffers, so the comparison leaks neither content nor length. */
const digest = (value: string) => createHash('sha256').update(value, 'utf8').digest();

function headerOf(headers: HttpRequest['event']['headers'] | undefined, name: string): string | undefined {
  if (!headers) return undefined;
  if (headers[name] !== undefined) return headers[name];
  for (const [key, value] of Object.entries(headers)) if (key.toLowerCase() === name) return value;
  return undefined;
}

/**
 * Only through the front door: with ORIGIN_VERIFY_SECRET set (every Lambda in
 * AWS), a request that lacks CloudFront's secret origin header came straight
 * to API Gateway, around the WAF and its rate limits, and gets 403. Unset (the
 * local runtime, tests) it lets everything through. Read per request, so a
 * test can set it for one handler.
 */
export const originGuardMiddleware = () => {
  const before = (request: HttpRequest) => {
    const secret = process.env[originVerifySecretEnv];
    if (!secret) return;
    const sent = headerOf(request.event.headers, originVerifyHeader);
    if (sent === undefined || !timingSafeEqual(digest(sent), digest(secret))) {
      throw new AppError('forbidden', "Requests must come through the API's public endpoint");
    }
  };
  return { before };
};
