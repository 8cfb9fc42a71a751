import { AppError } from '../../errors.js';
import type { HttpRequest } from '../types.js';

export const maxBodyBytes = 64 * 1024;

/** Rejects oversized bodies before anything parses them. */
export const bodyLimitMiddleware = (limit = maxBodyBytes) => {
  const before = (request: HttpRequest) => {
    const { body, isBase64Encoded } = request.event;
    if (typeof body !== 'string' || body.length === 0) return;
    const bytes = isBase64Encoded ? Buffer.from(body, 'base64').length : Buffer.byteLength(body, 'utf8');
    if (bytes > limit) throw new AppError('payload_too_large', `Request body must be at most ${limit} bytes`);
  };
  return { before };
};

/** A write with no body at all gets the same answer as malformed JSON, before the content-type check. */
export const requireBodyMiddleware = () => {
  const before = (request: HttpRequest) => {
    const body = request.event.body;
    if (body === undefined || body === null || body === '') {
      throw new AppError('validation_failed', 'A JSON request body is required');
    }
  };
  return { before };
};
