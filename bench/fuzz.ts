/**
 * `npm run fuzz`: the long fuzz run (issue 7), the same hostile requests as
 * test/fuzz/routes.test.ts but many more, and it does not stop at the first
 * failure: it groups failures by kind and prints the smallest request of each.
 *
 *   npm run fuzz                                  100,000 requests, seed 20260707
 *   npm run fuzz -- --runs 1000000 --seed 42      more, another seed (FUZZ_SEED works too)
 *   npm run fuzz -- --concurrency 8 --timeout 10000
 *
 * Starts DynamoDB Local in memory (or uses DYNAMODB_ENDPOINT), a fresh table,
 * three API keys and the local server on a free port. Exits 1 when any
 * request got a 5xx, a malformed error, an answer off the OpenAPI document, or
 * no answer within the timeout. Needs Java, like `npm start`.
 */
import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';

process.env.LOG_LEVEL = 'SILENT';
process.env.AWS_REGION ??= 'us-east-1';

const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '100000' },
    seed: { type: 'string', default: process.env.FUZZ_SEED ?? '20260707' },
    concurrency: { type: 'string', default: '4' },
    timeout: { type: 'string', default: '10000' },
  },
});
const runs = Number(values.runs);
const seed = Number(values.seed);
const concurrency = Number(values.concurrency);
const timeoutMs = Number(values.timeout);

// Imported after LOG_LEVEL is set: the logger reads it once.
const fc = (await import('fast-check')).default;
const { startDynamoDbLocal } = await import('../lib/local/dynamodb-local.js');
const { createStore, useStore } = await import('../lib/store/client.js');
const { ensureTable } = await import('../lib/store/bootstrap.js');
const { createApiKey } = await import('../lib/api-keys/api-keys.js');
const { startLocalServer } = await import('../lib/local/server.js');
const { anyRequestArb } = await import('../test/fuzz/hostile-requests.js');
const { createFuzzRecords } = await import('../test/fuzz/fixture.js');
const { describeExchange, Hang, problemsOf, send } = await import('../test/fuzz/judge.js');
type FuzzRequest = import('../test/fuzz/hostile-requests.js').FuzzRequest;

const dynamo = process.env.DYNAMODB_ENDPOINT ? undefined : await startDynamoDbLocal();
const endpoint = process.env.DYNAMODB_ENDPOINT ?? dynamo!.endpoint;
const tableName = `fuzz-${randomBytes(3).toString('hex')}`;
process.env.DYNAMODB_ENDPOINT = endpoint;
process.env.TABLE_NAME = tableName;
const store = createStore({ tableName, endpoint, region: 'us-east-1' });
useStore(store);
await ensureTable(store);
const rw = ['customers:read', 'customers:write'];
const keys = {
  readWrite: (await createApiKey({ tenantId: 'fuzz', name: 'rw', scopes: rw })).key,
  readOnly: (await createApiKey({ tenantId: 'fuzz', name: 'ro', scopes: ['customers:read'] })).key,
  otherTenant: (await createApiKey({ tenantId: 'other', name: 'rw', scopes: rw })).key,
};
const server = await startLocalServer({ port: 0 });
const ids = await createFuzzRecords(server.url, keys.readWrite);
const arb = anyRequestArb(keys, ids);

interface Kind {
  count: number;
  smallest: string;
  size: number;
}
const kinds = new Map<string, Kind>();
const statuses = new Map<number, number>();
const sizeOf = (r: FuzzRequest) => r.path.length + (r.body?.length ?? 0) + (r.bodyHex?.length ?? 0) / 2 + JSON.stringify(r.headers).length;
/** One kind per operation, status and problem, with the URL and numbers taken out. */
const kindOf = (req: FuzzRequest, status: number | string, problems: string[]) =>
  `${req.target || 'stray path'} → ${status}: ${problems.map((p) => p.replace(/^Contract violation: .*? → \d+: /, '').replace(/\d+/g, 'N').slice(0, 160)).join('; ')}`;

function record(req: FuzzRequest, status: number | string, problems: string[], description: string) {
  const kind = kindOf(req, status, problems);
  const size = sizeOf(req);
  const seen = kinds.get(kind);
  if (!seen) kinds.set(kind, { count: 1, smallest: description, size });
  else {
    seen.count++;
    if (size < seen.size) Object.assign(seen, { smallest: description, size });
  }
}

const chunk = 500;
let sent = 0;
const started = performance.now();
for (let offset = 0; offset < runs; offset += chunk) {
  // Deterministic: chunk i is always the same requests for a given seed.
  const batch = fc.sample(arb, { seed: seed + offset / chunk, numRuns: Math.min(chunk, runs - offset) });
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < batch.length) {
        const req = batch[next++]!;
        try {
          const res = await send(server.url, req, timeoutMs);
          statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
          const problems = problemsOf(server.url, req, res);
          if (problems.length) record(req, res.status, problems, describeExchange(req, res, problems));
        } catch (err) {
          const problem = err instanceof Hang ? `hang: ${err.message}` : `no answer: ${(err as Error).message}`;
          record(req, 'none', [problem], describeExchange(req, undefined, [problem]));
        }
        sent++;
      }
    }),
  );
  if (sent % 10_000 === 0 || sent === runs) {
    console.error(`${sent} requests, ${kinds.size} kinds of failure, ${((performance.now() - started) / 1000).toFixed(0)} s`);
  }
}

const seconds = (performance.now() - started) / 1000;
console.log(`\n${sent} requests in ${seconds.toFixed(0)} s (${(sent / seconds).toFixed(0)}/s), seed ${seed}, concurrency ${concurrency}`);
console.log(`statuses: ${[...statuses].sort(([a], [b]) => a - b).map(([s, n]) => `${s}×${n}`).join(' ')}`);
if (kinds.size === 0) console.log('no failure');
for (const [kind, { count, smallest }] of [...kinds].sort(([, a], [, b]) => b.count - a.count)) {
  console.log(`\n${count}× ${kind}\n${smallest}`);
}
await server.close();
await dynamo?.stop();
process.exit(kinds.size ? 1 : 0);
