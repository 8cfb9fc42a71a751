import middy, { type MiddlewareObj } from '@middy/core';
import type { Context } from 'aws-lambda';
import type * as z from 'zod/mini';
import type { Principal } from '../api-keys/api-keys.js';
import type { RouteDefinition } from '../routes.js';
import { jsonResponse } from './json-response.js';
import { apiKeyAuthMiddleware } from './middleware/api-key-auth.js';
import { errorEnvelopeMiddleware } from './middleware/error-envelope.js';
import { originGuardMiddleware } from './middleware/origin-guard.js';
import { requestIdMiddleware } from './middleware/request-id.js';
import { validateRequestMiddleware } from './middleware/validate-request.js';
import type { NoExtraFields, SuccessBody } from './success-body.js';
import { stateOf, type HttpContext, type HttpEvent, type HttpResult } from './types.js';
import { takeHeaders } from './with-headers.js';

type Out<S> = S extends z.core.$ZodType ? z.output<S> : undefined;

export interface EndpointInput<R extends RouteDefinition> {
  /** The caller's tenant (undefined only on public routes, which have no key). */
  tenantId: string;
  principal: Principal;
  requestId: string;
  params: Out<R['request']['params']>;
  query: Out<R['request']['query']>;
  body: Out<R['request']['body']>;
}

/**
 * What a route's handler may return: its success body (without request_id,
 * which the endpoint appends, as the seed envelopes show), typed by the
 * route's `response`, with no field the schema does not list; optionally
 * wrapped by withHeaders().
 */
export type EndpointOutput<R extends RouteDefinition, B extends SuccessBody<R> = SuccessBody<R>> = B & NoExtraFields<B, SuccessBody<R>>;

export type HttpHandler = (event: HttpEvent, context: Context) => Promise<HttpResult>;

/** A route that takes no body (GET, DELETE): httpEndpoint. One with a body: httpBodyEndpoint (./body-endpoint.ts). */
export type RouteWithoutBody = RouteDefinition & { request: { body?: undefined } };

export type EndpointMiddleware = MiddlewareObj<HttpEvent, HttpResult, Error, HttpContext>;

/**
 * The Lambda handler of a route without a body: the shared middy stack, then
 * the use-case. Routes with a body use httpBodyEndpoint, which adds the body
 * checks; apart, so that a GET function bundles none of them.
 */
export function httpEndpoint<R extends RouteWithoutBody, B extends SuccessBody<R>>(
  route: R,
  run: (input: EndpointInput<R>) => Promise<EndpointOutput<R, B>>,
): HttpHandler {
  return buildEndpoint(route, run, []);
}

/**
 * Builds the Lambda handler of one route. Order matters: request id and
 * error envelope first (every answer has both), then the origin guard, then
 * who is asking (API key 401, scope 403) before anything about the request is
 * judged, so an unauthenticated caller learns nothing from body checks; then
 * the body checks the caller passes (size 413, charset and content type 415,
 * JSON 400), then zod validation. No header normalizer: API Gateway's payload
 * 2.0 and the local server (Node's parser) hand over header names lowercased
 * already.
 */
export function buildEndpoint<R extends RouteDefinition, B extends SuccessBody<R>>(
  route: R,
  run: (input: EndpointInput<R>) => Promise<EndpointOutput<R, B>>,
  bodyChecks: EndpointMiddleware[],
): HttpHandler {
  const stack = middy<HttpEvent, HttpResult, Error, HttpContext>()
    .use(requestIdMiddleware())
    .use(errorEnvelopeMiddleware())
    .use(originGuardMiddleware())
    .use(route.scope ? [apiKeyAuthMiddleware(route.scope)] : [])
    .use(bodyChecks)
    .use(validateRequestMiddleware(route.request, route.pathNames))
    .handler(async (_event, context) => {
      const state = stateOf({ context });
      const principal = state.principal;
      const result = await run({
        tenantId: principal?.tenantId as string,
        principal: principal as Principal,
        requestId: state.requestId,
        params: state.params as EndpointInput<R>['params'],
        query: state.query as EndpointInput<R>['query'],
        body: state.body as EndpointInput<R>['body'],
      });
      const { body, headers } = takeHeaders(result);
      // The JSON content type and X-Request-Id (request-id middleware) are the endpoint's own: they win.
      return jsonResponse(route.successStatus, { ...body, request_id: state.requestId }, headers);
    });

  return stack as unknown as HttpHandler;
}
