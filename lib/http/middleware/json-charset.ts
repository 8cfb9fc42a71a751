import { AppError } from '../../errors.js';
import type { HttpRequest } from '../types.js';

/** The charset parameter of a Content-Type, lowercased and unquoted, or undefined when absent. */
export function charsetOf(contentType: string | undefined): string | undefined {
  if (!contentType) return undefined;
  for (const param of contentType.split(';').slice(1)) {
    const eq = param.indexOf('=');
    if (eq < 0 || param.slice(0, eq).trim().toLowerCase() !== 'charset') continue;
    return param
      .slice(eq + 1)
      .trim()
      .replace(/^"(.*)"$/, '$1')
      .toLowerCase();
  }
  return undefined;
}

/**
 * JSON is UTF-8 (RFC 8259) and the parser decodes it so: a body declared in any
 * other charset would be silently misread, so it is refused before parsing.
 */
export const jsonCharsetMiddleware = () => {
  const before = (request: HttpRequest) => {
    const charset = charsetOf(request.event.headers?.['content-type']);
    if (charset !== undefined && charset !== 'utf-8') {
      throw new AppError('unsupported_media_type', 'Request body must be JSON encoded as UTF-8 (Content-Type: application/json; charset=utf-8)');
    }
  };
  return { before };
};
