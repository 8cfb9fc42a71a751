import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import type { Principal } from '../api-keys/api-keys.js';

/** The event every HTTP function receives (API Gateway HTTP API, payload 2.0). */
export type HttpEvent = Omit<APIGatewayProxyEventV2, 'body'> & {
  /** A string on arrival; the parsed JSON after the body middleware. */
  body?: unknown;
};
export type HttpResult = APIGatewayProxyStructuredResultV2 & { headers: Record<string, string> };

/** What the middlewares learn about a request and pass on through middy's `internal`. */
export interface RequestState {
  requestId: string;
  principal?: Principal;
  params?: unknown;
  query?: unknown;
  body?: unknown;
}

/** The Lambda context, carrying what the middlewares learned to the handler. */
export type HttpContext = Context & { fieldbook?: RequestState };

export interface HttpRequest {
  event: HttpEvent;
  context: HttpContext;
  response: HttpResult | undefined | null;
  error: unknown;
}

export const stateOf = (request: { context: HttpContext }): RequestState => {
  if (!request.context.fieldbook) throw new Error('request-id middleware must run first');
  return request.context.fieldbook;
};
