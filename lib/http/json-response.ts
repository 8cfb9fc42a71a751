import type { HttpResult } from './types.js';

/** A JSON answer; the body is always JSON, so a caller's headers cannot change its content type. */
export function jsonResponse(statusCode: number, body: unknown, headers: Record<string, string> = {}): HttpResult {
  return {
    statusCode,
    headers: { ...headers, 'content-type': 'application/json; charset=utf-8' },
    body: JSON.stringify(body),
  };
}
