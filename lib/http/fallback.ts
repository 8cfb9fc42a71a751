import middy from '@middy/core';
import { AppError } from '../errors.js';
import { matchRoute, methodsForPath } from '../routes.js';
import { errorEnvelopeMiddleware } from './middleware/error-envelope.js';
import { requestIdMiddleware } from './middleware/request-id.js';
import type { HttpContext, HttpEvent, HttpResult } from './types.js';

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
      const allowed = methodsForPath(request.event.rawPath);
      if (allowed.length && request.response) request.response.headers.allow = allowed.join(', ');
    },
  })
  .use(errorEnvelopeMiddleware())
  .handler(async (event) => {
    const match = matchRoute(event.requestContext.http.method, event.rawPath);
    if (match === 'method_not_allowed') {
      throw new AppError('method_not_allowed', `${event.requestContext.http.method} is not allowed on ${event.rawPath}`);
    }
    throw new AppError('route_not_found', `No route for ${event.requestContext.http.method} ${event.rawPath}`);
  });
