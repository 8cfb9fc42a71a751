/**
 * Overhead ratio: p50 of GET /api/v1/customers/{id} through the whole local
 * HTTP stack ÷ p50 of the bare GetItem that request makes, same DynamoDB
 * Local, same process, interleaved so that drift hits both alike. Then a
 * breakdown of where the difference goes.
 */
import http from 'node:http';
import type { Context } from 'aws-lambda';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { authenticate } from '../../lib/api-keys/api-keys.js';
import { createApiKey } from '../../lib/api-keys/api-keys.js';
import { apiKeyCacheMs } from '../../lib/config.js';
import { createCustomer, toCustomerObject, getCustomer } from '../../lib/customers/customers.js';
import { rewriteSeedUrl } from '../../lib/edge/seed-url-rewrite.js';
import { httpEndpoint, type HttpHandler } from '../../lib/http/endpoint.js';
import { startLocalServer, toHttpEvent } from '../../lib/local/server.js';
import { logger } from '../../lib/logger.js';
import { matchRoute, routes } from '../../lib/routes.js';
import { customerKeys } from '../../lib/store/keys.js';
import { useBenchTable } from '../support/database.js';
import { generateCustomer } from '../support/customer-generator.js';
import { keepAliveClient } from '../support/http-client.js';
import { runSection } from '../support/section.js';
import { ms, ratio, summarize, table } from '../support/stats.js';

const tenant = 'bench';
const target = 1.5;

const context = { functionName: 'getCustomer', awsRequestId: 'bench', getRemainingTimeInMillis: () => 29_000 } as unknown as Context;

/** Per-call time of a (possibly sub-microsecond) operation: batches of `per`, p50 of batch means. */
async function timeOp(rounds: number, per: number, op: () => unknown): Promise<{ p50: number; p95: number }> {
  const samples: number[] = [];
  for (let r = 0; r < rounds; r++) {
    const t = performance.now();
    for (let i = 0; i < per; i++) await op();
    samples.push((performance.now() - t) / per);
  }
  return summarize(samples);
}

runSection('overhead', async ({ quick, log }) => {
  const db = await useBenchTable('overhead');
  const { key } = await createApiKey({ tenantId: tenant, name: 'bench', scopes: ['customers:read', 'customers:write'] });
  const customer = await createCustomer(tenant, generateCustomer(1).input);
  const id = customer.customer_id;
  const server = await startLocalServer({ port: 0 });
  const client = keepAliveClient(server.url);
  const path = `/api/v1/customers/${id}`;
  const headers = { 'x-api-key': key };
  const getItem = () => db.doc.send(new GetCommand({ TableName: db.tableName, Key: customerKeys.customer(tenant, id) }));
  const viaHttp = async () => {
    const res = await client.request('GET', path, headers);
    if (res.status !== 200) throw new Error(`GET ${path} answered ${res.status}: ${res.body}`);
  };

  const warmup = quick ? 200 : 1000;
  const iterations = quick ? 500 : 3000;
  log(`warm-up ${warmup} of each, then ${iterations} interleaved pairs`);
  for (let i = 0; i < warmup; i++) {
    await viaHttp();
    await getItem();
  }
  const httpSamples: number[] = [];
  const getItemSamples: number[] = [];
  for (let i = 0; i < iterations; i++) {
    // Alternate which goes first, so neither always follows the other.
    const order = i % 2 === 0 ? [viaHttp, getItem] : [getItem, viaHttp];
    for (const op of order) {
      const t = performance.now();
      await op();
      (op === viaHttp ? httpSamples : getItemSamples).push(performance.now() - t);
    }
  }
  const viaHttpSummary = summarize(httpSamples);
  const bare = summarize(getItemSamples);
  const p50Ratio = viaHttpSummary.p50 / bare.p50;
  log(`HTTP p50 ${ms(viaHttpSummary.p50)}, GetItem p50 ${ms(bare.p50)}, ratio ${p50Ratio.toFixed(2)}`);

  // ---- Where the difference goes: each layer timed alone, in this process.
  log('breakdown');
  const rounds = quick ? 100 : 300;
  const event = () =>
    toHttpEvent({
      method: 'GET',
      path,
      query: new URLSearchParams(),
      headers: { host: 'localhost', 'x-api-key': key, connection: 'keep-alive' },
      body: Buffer.alloc(0),
      routeKey: 'GET /api/v1/customers/{customerId}',
      pathParameters: { customerId: String(id) },
      sourceIp: '127.0.0.1',
    });
  const { handler } = (await import('../../functions/customers/get.js')) as { handler: HttpHandler };
  const record = await getCustomer(tenant, id);
  // The same route and middy stack, with a use-case that answers from memory: the stack's own cost.
  const stackOnly = httpEndpoint(routes.getCustomer, async () => ({ data: toCustomerObject(record) }));
  // A bare Node server answering the same bytes: the HTTP transport floor.
  const body = (await handler(event(), context)).body ?? '';
  const floor = http.createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(body);
  });
  await new Promise<void>((r) => floor.listen(0, '127.0.0.1', () => r()));
  const floorClient = keepAliveClient(`http://127.0.0.1:${(floor.address() as { port: number }).port}`);
  for (let i = 0; i < 200; i++) {
    await floorClient.request('GET', path);
    await handler(event(), context);
    await stackOnly(event(), context);
  }

  const parts: [string, string, { p50: number; p95: number }][] = [];
  const interleaved = async (label: string, note: string, op: () => unknown, per = 1) => {
    parts.push([label, note, await timeOp(rounds, per, op)]);
  };
  await interleaved('whole stack over HTTP', 'the measured request (client → server → handler → DynamoDB Local)', viaHttp);
  await interleaved('bare GetItem', 'document client → DynamoDB Local', getItem);
  await interleaved('handler called directly', 'Lambda handler of get.ts with a ready event: middy stack + GetItem, no HTTP', () => handler(event(), context));
  await interleaved('HTTP transport floor', 'same client, bare node:http server answering the same bytes', () => floorClient.request('GET', path));
  await interleaved('local server, no DynamoDB', 'same client and server, a path no route matches: rewrite, event, fallback handler (404 envelope)', () =>
    client.request('GET', '/api/v1/bench-no-such-route', headers),
  );
  await interleaved('middy stack, no DynamoDB', 'same route and middlewares, use-case answers from memory', () => stackOnly(event(), context), 10);
  await interleaved('  API-key check (warm cache)', 'SHA-256 of the key + Map lookup', () => authenticate(key, apiKeyCacheMs), 100);
  await interleaved(
    '  zod validation',
    'path params + query of the route',
    () => {
      routes.getCustomer.request.params.parse({ customerId: String(id) });
      routes.getCustomer.request.query.parse({});
    },
    100,
  );
  await interleaved('  response JSON', 'JSON.stringify of the envelope', () => JSON.stringify({ data: toCustomerObject(record), request_id: 'x' }), 100);
  await interleaved('  one log line', 'logger.info (the request-id middleware writes one per request)', () => logger.info('request', { method: 'GET', path, status: 200, tenant }), 20);
  await interleaved(
    'local server: rewrite + route match + event',
    'seed-URL rewrite (CloudFront Function code in a vm context), route table match, API Gateway v2 event',
    () => {
      const url = new URL(`http://localhost${path}`);
      const { path: rest, query } = rewriteSeedUrl('GET', url.pathname, url.searchParams);
      matchRoute('GET', rest);
      return toHttpEvent({ method: 'GET', path: rest, query, headers: { 'x-api-key': key }, body: Buffer.alloc(0), routeKey: 'GET /api/v1/customers/{customerId}', sourceIp: '127.0.0.1' });
    },
    20,
  );
  client.close();
  floorClient.close();
  floor.close();
  await server.close();

  const verdict = p50Ratio <= target ? `within the target of ≤ ${target}` : `above the target of ≤ ${target}`;
  return [
    `GET \`${path}\` through \`startLocalServer\` (node:http client, one keep-alive socket, valid key) against the bare`,
    `\`GetItem\` of the same customer with the same document client on the same DynamoDB Local. ${warmup} warm-up`,
    `requests of each, then ${iterations} interleaved pairs (order alternating). Every request writes its log line`,
    `(stdout of the bench's sections goes to /dev/null).`,
    '',
    table(
      ['', 'p50', 'p95', 'n'],
      [
        ['GET through the local HTTP stack', ms(viaHttpSummary.p50), ms(viaHttpSummary.p95), viaHttpSummary.n],
        ['bare GetItem', ms(bare.p50), ms(bare.p95), bare.n],
        ['**ratio**', `**${ratio(viaHttpSummary.p50, bare.p50)}**`, `**${ratio(viaHttpSummary.p95, bare.p95)}**`, ''],
      ],
    ),
    '',
    `The p50 ratio is **${p50Ratio.toFixed(2)}**, ${verdict}; the stack adds ${ms(viaHttpSummary.p50 - bare.p50)} at p50.`,
    '',
    '**Where the time goes** (each layer timed alone, right after, in the same process; sub-millisecond',
    'operations timed in batches; indented rows are parts of the middy stack):',
    '',
    table(
      ['layer', 'p50', 'p95', 'what'],
      parts.map(([label, note, s]) => [label, ms(s.p50), ms(s.p95), note]),
    ),
  ].join('\n');
});
