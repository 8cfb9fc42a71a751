import type { RouteDefinition } from '../routes.js';
import { buildEndpoint, type EndpointInput, type EndpointOutput, type HttpHandler } from './endpoint.js';
import { bodyLimitMiddleware, requireBodyMiddleware } from './middleware/body-limits.js';
import { jsonBodyMiddleware } from './middleware/json-body.js';
import { jsonCharsetMiddleware } from './middleware/json-charset.js';
import type { SuccessBody } from './success-body.js';

/** A route that takes a JSON body (POST, PUT). */
export type RouteWithBody = RouteDefinition & { request: { body: NonNullable<RouteDefinition['request']['body']> } };

/**
 * The Lambda handler of a route with a JSON body: httpEndpoint's stack plus,
 * after authentication, the body checks: size (413), present (400), UTF-8 JSON
 * content type (415), parsed (400).
 */
export function httpBodyEndpoint<R extends RouteWithBody, B extends SuccessBody<R>>(
  route: R,
  run: (input: EndpointInput<R>) => Promise<EndpointOutput<R, B>>,
): HttpHandler {
  return buildEndpoint(route, run, [bodyLimitMiddleware(), requireBodyMiddleware(), jsonCharsetMiddleware(), jsonBodyMiddleware()]);
}
