import { randomBytes } from 'node:crypto';
import { logger } from '../../logger.js';
import type { HttpRequest } from '../types.js';

const clientIdPattern = /^[A-Za-z0-9._-]{8,64}$/;

/**
 * Gives every request an id: the caller's X-Request-Id when it is a sane
 * token, else the API Gateway request id, else a new one. The id goes into
 * every log line, the X-Request-Id header and (by the envelope) the body.
 */
export const requestIdMiddleware = () => {
  const before = (request: HttpRequest) => {
    const fromClient = request.event.headers?.['x-request-id'];
    const requestId =
      fromClient && clientIdPattern.test(fromClient)
        ? fromClient
        : (request.event.requestContext?.requestId ?? randomBytes(6).toString('hex'));
    request.context.fieldbook = { requestId };
    logger.appendKeys({ request_id: requestId });
  };
  const after = (request: HttpRequest) => {
    const requestId = request.context.fieldbook?.requestId;
    if (request.response && requestId) request.response.headers['x-request-id'] = requestId;
    logger.info('request', {
      method: request.event.requestContext?.http?.method,
      path: request.event.rawPath,
      status: request.response?.statusCode,
      tenant: request.context.fieldbook?.principal?.tenantId,
    });
    logger.removeKeys(['request_id']);
  };
  return { before, after, onError: after };
};
