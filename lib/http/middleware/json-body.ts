import { AppError } from '../../errors.js';
import type { HttpRequest } from '../types.js';

/** application/json, or a +json type (application/merge-patch+json), with any parameters. */
const jsonContentType = /^application\/([a-z0-9.+-]+\+)?json(;|$)/i;

/** Keys JSON.parse keeps as own properties but that a later spread or merge may turn into a prototype. */
const forbiddenKey = (key: string, value: unknown) =>
  key === '__proto__' || (key === 'constructor' && value !== null && typeof value === 'object' && Object.hasOwn(value, 'prototype'));

/**
 * Parses the JSON body, after the size, presence and charset checks: what
 * @middy/http-json-body-parser did, with the same rules (a JSON content type,
 * base64 bodies decoded, `__proto__` and `constructor.prototype` keys
 * refused), throwing the envelope's errors directly. Written out because the
 * package and the @middy/util error class it brings were 1 kB of every
 * write function, over issue 8's budget; test/unit/json-body.test.ts holds
 * it to the package's behaviour.
 */
export const jsonBodyMiddleware = () => {
  const before = (request: HttpRequest) => {
    const { headers, body, isBase64Encoded } = request.event;
    if (!jsonContentType.test(headers?.['content-type'] ?? '')) {
      throw new AppError('unsupported_media_type', 'Request body must be JSON (Content-Type: application/json)');
    }
    const text = typeof body === 'string' ? (isBase64Encoded ? Buffer.from(body, 'base64').toString() : body) : undefined;
    try {
      if (text === undefined) throw new SyntaxError('no body');
      request.event.body = JSON.parse(text, (key, value: unknown) => {
        if (forbiddenKey(key, value)) throw new SyntaxError(`forbidden key ${key}`);
        return value;
      });
    } catch {
      throw new AppError('validation_failed', 'Request body is not valid JSON');
    }
  };
  return { before };
};
