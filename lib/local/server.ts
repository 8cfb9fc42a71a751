import { randomBytes } from 'node:crypto';
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { apiKeyHeader, LocalRateLimiter, parseLocalRateLimit, rateLimitedBody, type RateLimitSettings } from '../edge/rate-limit.js';
import { rewriteSeedUrl } from '../edge/seed-url-rewrite.js';
import { fallbackHandler } from '../http/fallback.js';
import { withCapacityReport } from './capacity-report.js';
import { localLambdaContext } from './lambda-context.js';
import type { HttpHandler } from '../http/endpoint.js';
import type { HttpEvent, HttpResult } from '../http/types.js';
import { matchRoute, type RouteDefinition } from '../routes.js';

const repoRoot = path.resolve(fileURLToPath(new URL('../..', import.meta.url)));

/** API Gateway HTTP APIs refuse bodies over 10 MB; so do we, before buffering more. */
const maxBufferedBody = 10 * 1024 * 1024;

/** A path served outside the route table (the API docs, later). */
export type ExtraRoute = (req: http.IncomingMessage, url: URL) => Promise<HttpResult | undefined> | HttpResult | undefined;

export interface LocalServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

const handlerCache = new Map<string, Promise<HttpHandler>>();

async function loadHandler(route: RouteDefinition): Promise<HttpHandler> {
  let loaded = handlerCache.get(route.entry);
  if (!loaded) {
    loaded = import(pathToFileURL(path.join(repoRoot, route.entry)).href).then((m: { handler: HttpHandler }) => withCapacityReport(m.handler));
    handlerCache.set(route.entry, loaded);
  }
  return loaded;
}

/** The API Gateway HTTP API (payload 2.0) event for a request, as the real gateway builds it. */
export function toHttpEvent(opts: {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
  routeKey: string;
  pathParameters?: Record<string, string>;
  sourceIp: string;
}): HttpEvent {
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(opts.headers)) if (v !== undefined) headers[k.toLowerCase()] = Array.isArray(v) ? v.join(',') : v;
  const queryStringParameters: Record<string, string> = {};
  for (const key of new Set(opts.query.keys())) queryStringParameters[key] = opts.query.getAll(key).join(',');
  const now = new Date();
  const requestId = randomBytes(8).toString('hex');
  return {
    version: '2.0',
    routeKey: opts.routeKey,
    rawPath: opts.path,
    rawQueryString: opts.query.toString(),
    headers,
    ...(opts.query.size ? { queryStringParameters } : {}),
    ...(opts.pathParameters ? { pathParameters: opts.pathParameters } : {}),
    requestContext: {
      accountId: 'local',
      apiId: 'local',
      domainName: headers.host ?? 'localhost',
      domainPrefix: 'localhost',
      http: {
        method: opts.method,
        path: opts.path,
        protocol: 'HTTP/1.1',
        sourceIp: opts.sourceIp,
        userAgent: headers['user-agent'] ?? '',
      },
      requestId,
      routeKey: opts.routeKey,
      stage: '$default',
      time: now.toUTCString(),
      timeEpoch: now.getTime(),
    },
    ...(opts.body.length ? { body: opts.body.toString('utf8') } : {}),
    isBase64Encoded: false,
  };
}

function headerValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value.join(',') : value;
}

async function readBody(req: http.IncomingMessage): Promise<Buffer | 'too_large'> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > maxBufferedBody) return 'too_large';
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

const maxLocalHeaderBytes = 64 * 1024;

/**
 * Serves the route table over HTTP through the very handlers (and middy
 * stacks) the Lambdas run, after the same seed-URL rewrite CloudFront runs.
 */
export async function startLocalServer(
  opts: {
    port?: number;
    host?: string;
    extraRoutes?: ExtraRoute[];
    /** The edge's rate limits, emulated; default from LOCAL_RATE_LIMIT (lib/edge/rate-limit.ts), off when unset. */
    rateLimit?: RateLimitSettings;
  } = {},
): Promise<LocalServer> {
  const rateLimitSettings = opts.rateLimit ?? parseLocalRateLimit(process.env.LOCAL_RATE_LIMIT);
  const limiter = rateLimitSettings ? new LocalRateLimiter(rateLimitSettings) : undefined;
  // Headers up to 64 KiB reach the handlers (Node's default is 16 KiB). The edge's own limits
  // (CloudFront, API Gateway) are smaller and answer before any function runs.
  const server = http.createServer({ maxHeaderSize: maxLocalHeaderBytes }, async (req, res) => {
    const send = (result: HttpResult) => {
      res.writeHead(result.statusCode ?? 200, result.headers);
      res.end(result.body ?? '');
    };
    try {
      const url = new URL(req.url ?? '/', 'http://localhost');
      // As at the edge: before anything else, the docs included (WAF sees every request to the distribution).
      const verdict = limiter?.check(headerValue(req.headers[apiKeyHeader]), req.socket.remoteAddress ?? '127.0.0.1');
      if (verdict) {
        const requestId = randomBytes(8).toString('hex');
        req.resume(); // drain any body unread, so the connection stays usable
        return send({
          statusCode: 429,
          headers: { 'content-type': 'application/json', 'retry-after': String(verdict.retryAfterSeconds), 'x-request-id': requestId },
          body: rateLimitedBody(verdict.by, verdict.retryAfterSeconds, requestId),
        });
      }
      for (const extra of opts.extraRoutes ?? []) {
        const result = await extra(req, url);
        if (result) return send(result);
      }
      const method = (req.method ?? 'GET').toUpperCase();
      // The edge function may add headers too (x-fieldbook-seed-url), as CloudFront forwards them.
      const { path: restPath, query, headers } = rewriteSeedUrl(method, url.pathname, url.searchParams, req.headers);
      const body = await readBody(req);
      if (body === 'too_large') {
        res.writeHead(413, { 'content-type': 'application/json', connection: 'close' });
        return res.end(JSON.stringify({ message: 'Request Entity Too Large' }));
      }
      const match = matchRoute(method, restPath);
      const route = match && match !== 'method_not_allowed' ? match.route : undefined;
      const event = toHttpEvent({
        method,
        path: restPath,
        query,
        headers,
        body,
        routeKey: route ? `${route.method} ${route.path}` : '$default',
        pathParameters: route && match !== 'method_not_allowed' ? match?.params : undefined,
        sourceIp: req.socket.remoteAddress ?? '127.0.0.1',
      });
      const handler = route ? await loadHandler(route) : (fallbackHandler as unknown as HttpHandler);
      send(await handler(event, localLambdaContext({ functionName: route?.operationId ?? 'fallback', timeoutMs: 29_000, memoryMb: 1024, requestId: event.requestContext.requestId })));
    } catch (err) {
      // Handlers answer every error themselves; reaching here is a server bug.
      console.error(err);
      send({ statusCode: 500, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ success: false, error: { code: 'internal_error', message: 'An unexpected error occurred' } }) });
    }
  });
  // A request Node cannot parse (headers past the limit, a broken request line) still gets the error envelope.
  server.on('clientError', (err: NodeJS.ErrnoException, socket) => {
    if (!socket.writable) return socket.destroy();
    const requestId = randomBytes(8).toString('hex');
    const tooLarge = err.code === 'HPE_HEADER_OVERFLOW';
    const body = JSON.stringify({
      success: false,
      error: { code: 'validation_failed', message: tooLarge ? `Request headers must be at most ${maxLocalHeaderBytes} bytes` : 'The request could not be parsed' },
      request_id: requestId,
    });
    socket.end(
      `HTTP/1.1 400 Bad Request\r\ncontent-type: application/json; charset=utf-8\r\nx-request-id: ${requestId}\r\ncontent-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`,
    );
  });
  server.keepAliveTimeout = 5000;
  const host = opts.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 3000, host, () => resolve());
  });
  const { port } = server.address() as { port: number };
  return {
    url: `http://${host === '0.0.0.0' ? 'localhost' : host}:${port}`,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
