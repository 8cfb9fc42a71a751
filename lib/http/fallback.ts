import middy from '@middy/core';
import { AppError, clipText } from '../errors.js';
import { matchRoute, methodsForPath } from '../routes.js';
import { errorEnvelopeMiddleware } from './middleware/error-envelope.js';
import { originGuardMiddleware } from './middleware/origin-guard.js';
import { requestIdMiddleware } from './middleware/request-id.js';
import type { HttpContext, HttpEvent, HttpResult } from './types.js';

/** Set by the edge rewrite (functions/edge/seed-url-rewrite.js) on a request it rewrote. */
export const seedUrlHeader = 'x-fieldbook-seed-url';

/**
 * The URL as the client sent it: a seed-style URL was rewritten at the edge,
 * which left the original in a header; a REST URL is its own path.
 */
function sentUrl(event: HttpEvent): string {
  // Clipped: a message names the URL, not echoes kilobytes of it.
  return clipText(event.headers?.[seedUrlHeader] || event.rawPath, 200);
}

/**
 * Answers requests that match no route (API Gateway's $default route and the
 * local server) with the error envelope: 405 when the path exists under
 * another method, else 404.
 */
export const fallbackHandler = middy<HttpEvent, HttpResult, Error, HttpContext>()
  .use(requestIdMiddleware())
  // Registered before the envelope so that its onError runs after the envelope's (middy unwinds in reverse).
  .use({
    onError: (request) => {
      if (request.response?.statusCode !== 405) return;
      const allowed = methodsForPath(request.event.rawPath);
      if (allowed.length) request.response.headers.allow = allowed.join(', ');
    },
  })
  .use(errorEnvelopeMiddleware())
  .use(originGuardMiddleware())
  .handler(async (event) => {
    const method = event.requestContext.http.method;
    const match = matchRoute(method, event.rawPath);
    if (match === 'method_not_allowed') {
      throw new AppError('method_not_allowed', `${method} is not allowed on ${sentUrl(event)}`);
    }
    throw new AppError('route_not_found', `No route for ${method} ${sentUrl(event)}`);
  });
