import fc from 'fast-check';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { routeList } from '../../lib/routes.js';
import { startTestApi, type TestApi } from '../support/local-api.js';
import { createFuzzRecords } from './fixture.js';
import { knownHostileRequests, routeRequestArb, strayRequestArb, type FuzzIds, type FuzzKeys, type FuzzRequest } from './hostile-requests.js';
import { sendAndJudge } from './judge.js';

/**
 * The standing fuzz check (issue 7): hostile bodies, query strings and
 * headers on every route in both URL styles, against the real local server on
 * DynamoDB Local. No answer may be a 5xx, every error is the one envelope with
 * a documented code and the request id, every answer matches the OpenAPI
 * document, and every answer arrives.
 *
 * Deterministic: a fixed seed, overridden by FUZZ_SEED (FUZZ_PATH replays one
 * counterexample exactly, as printed on failure); FUZZ_RUNS scales the runs
 * per route. The long run (≥ 100,000 requests) is `npm run fuzz` (bench/fuzz.ts).
 */

const seed = Number(process.env.FUZZ_SEED ?? 20260707);
const path = process.env.FUZZ_PATH;
const runsPerRoute = Number(process.env.FUZZ_RUNS ?? 60);
const timeoutMs = 10_000;

let api: TestApi;
let keys: FuzzKeys;
let ids: FuzzIds;

beforeAll(async () => {
  api = await startTestApi();
  keys = { readWrite: api.key, readOnly: api.readKey, otherTenant: api.otherTenantKey };
  ids = await createFuzzRecords(api.url, api.key);
});
afterAll(() => api?.close());

/** fc.assert with the replay line up front and the failing exchange, not fast-check's dump of a 64 KiB body. */
async function fuzz(name: string, arb: () => fc.Arbitrary<FuzzRequest>, numRuns: number, examples: FuzzRequest[] = []): Promise<void> {
  const details = await fc.check(
    fc.asyncProperty(arb(), (req) => sendAndJudge(api.url, req, timeoutMs)),
    { seed, numRuns, ...(path ? { path } : {}), examples: examples.map((e) => [e] as [FuzzRequest]), interruptAfterTimeLimit: 90_000 },
  );
  if (details.failed) {
    const cause = details.errorInstance instanceof Error ? details.errorInstance.message : String(details.errorInstance);
    throw new Error(
      `fuzz counterexample after ${details.numRuns} runs, shrunk ${details.numShrinks} times` +
        ` (replay: FUZZ_SEED=${details.seed} FUZZ_PATH=${details.counterexamplePath} npx vitest run test/fuzz -t '${name}')\n${cause}`,
    );
  }
}

describe.each(routeList.map((r) => [r.operationId, r] as const))('%s under hostile input', (_name, route) => {
  it(`never answers 5xx, always the envelope, never hangs (${runsPerRoute} requests)`, () =>
    fuzz(route.operationId, () => routeRequestArb(route, keys, ids), runsPerRoute, knownHostileRequests(route, keys, ids)), 180_000);
});

describe('methods a path does not take and paths outside the table', () => {
  it(`answer 404/405 with the envelope (${runsPerRoute * 2} requests)`, () => fuzz('paths outside', () => strayRequestArb(keys, ids), runsPerRoute * 2), 180_000);
});
