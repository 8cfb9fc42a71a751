import { authenticate, type Scope } from '../../api-keys/api-keys.js';
import { apiKeyCacheMs } from '../../config.js';
import { ForbiddenError, UnauthorizedError } from '../../errors.js';
import { stateOf, type HttpRequest } from '../types.js';

/** X-API-Key → tenant and scopes (401 unauthorized), then the route's scope (403 forbidden). */
export const apiKeyAuthMiddleware = (requiredScope: Scope) => {
  const before = async (request: HttpRequest) => {
    const key = request.event.headers?.['x-api-key']?.trim();
    if (!key) throw new UnauthorizedError('The X-API-Key header is required');
    const principal = await authenticate(key, apiKeyCacheMs);
    if (!principal) throw new UnauthorizedError('The API key is not valid');
    stateOf(request).principal = principal;
    if (!principal.scopes.includes(requiredScope)) throw new ForbiddenError(requiredScope);
  };
  return { before };
};
