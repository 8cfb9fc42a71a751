/**
 * ConsumedCapacity of one typical request per endpoint of the route table,
 * next to the least its design allows. REPORT_CONSUMED_CAPACITY=1 (set by
 * bench/run.ts for this section, before any handler is imported) makes each
 * response carry X-Consumed-Capacity: {read, write, calls}.
 */
import { createApiKey } from '../../lib/api-keys/api-keys.js';
import { startLocalServer } from '../../lib/local/server.js';
import { routeList } from '../../lib/routes.js';
import { useBenchTable } from '../support/database.js';
import { scenarios, seedFixture, type Exercise } from '../support/endpoint-scenarios.js';
import { keepAliveClient } from '../support/http-client.js';
import { runSection } from '../support/section.js';
import { table } from '../support/stats.js';

const tenant = 'bench';
const units = (n: number) => (Number.isInteger(n) ? String(n) : n.toFixed(1));

runSection('capacity', async ({ log }) => {
  if (process.env.REPORT_CONSUMED_CAPACITY !== '1') throw new Error('REPORT_CONSUMED_CAPACITY=1 must be set before the handlers load (bench/run.ts does it)');
  await useBenchTable('capacity');
  const { key } = await createApiKey({ tenantId: tenant, name: 'bench', scopes: ['customers:read', 'customers:write'] });
  const server = await startLocalServer({ port: 0 });
  const client = keepAliveClient(server.url);
  const api = {
    tenant,
    call: (method: string, path: string, body?: unknown) =>
      client.request(method, path, { 'x-api-key': key }, body === undefined ? undefined : JSON.stringify(body)),
  };
  await seedFixture(api, routeList.some((r) => r.operationId === 'createLocation'));
  // Warm the key cache (and load the handler modules), as a warm function would be.
  await api.call('GET', '/api/v1/customers/1');

  const rows: (string | number)[][] = [];
  const notes: string[] = [];
  for (const route of routeList) {
    const scenario = scenarios[route.operationId];
    if (!scenario) {
      rows.push([`\`${route.operationId}\``, `${route.method} ${route.path}`, 'n/a', 'n/a', 'n/a', 'n/a', 'no scenario yet (bench/support/endpoint-scenarios.ts)']);
      continue;
    }
    let exercises: Exercise[];
    try {
      exercises = await scenario(api);
    } catch (err) {
      rows.push([`\`${route.operationId}\``, `${route.method} ${route.path}`, 'n/a', 'n/a', 'n/a', 'n/a', `scenario failed: ${(err as Error).message}`]);
      continue;
    }
    for (const ex of exercises) {
      log(`${route.operationId}: ${ex.label}`);
      const res = await api.call(ex.method, ex.path, ex.body);
      const header = res.headers['x-consumed-capacity'];
      if (res.status !== route.successStatus || typeof header !== 'string') {
        rows.push([`\`${route.operationId}\``, ex.label, 'n/a', 'n/a', '', '', `answered ${res.status} ${res.body.slice(0, 120)}`]);
        continue;
      }
      const measured = JSON.parse(header) as { read: number; write: number; calls: number };
      const atMinimum = measured.read === ex.minimum.read && measured.write === ex.minimum.write;
      const transactional = ex.minimum.why.some((w) => w.includes('TransactWriteItems'));
      rows.push([
        `\`${route.operationId}\``,
        `${ex.label} — \`${ex.method} ${ex.path}\``,
        `${units(measured.read)} / ${units(measured.write)}`,
        measured.calls,
        `${units(ex.minimum.read)} / ${units(ex.minimum.write)}`,
        atMinimum ? 'at minimum' : measured.read + measured.write < ex.minimum.read + ex.minimum.write ? 'below' : 'above',
        transactional ? "a transaction: DynamoDB Local's figure for it is not a per-item sum (quirks below); trust the minimum" : '',
      ]);
      notes.push(`- \`${route.operationId}\` (${ex.label}): ${ex.minimum.why.join('; ')}.`);
    }
  }
  client.close();
  await server.close();
  return [
    'One typical request per route of `lib/routes.ts` through the local server, key cache warm, on a tenant holding 60',
    'customers (customer #2 with 3 locations). Measured = the sum of `ConsumedCapacity` (TOTAL: table + indexes) over the',
    "request's DynamoDB calls, as DynamoDB Local reports it. RCU / WCU.",
    '',
    table(['route', 'request', 'measured RCU / WCU', 'calls', 'design minimum', '', 'note'], rows),
    '',
    '**Design minimum, call by call** (reads ≤ 4 KB: 0.5 RCU eventually consistent, 1 strongly; writes ≤ 1 KB: 1 WCU, ×2 in',
    'a transaction; BatchGet rounds each item, Query the sum; warm key cache — a cold function adds a 0.5 RCU key GetItem):',
    '',
    ...notes,
    '',
    '**DynamoDB Local reporting quirks** (probed against this DynamoDB Local):',
    '- It answers `CapacityUnits` only, never `ReadCapacityUnits`/`WriteCapacityUnits`; the meter in `lib/store/client.ts` tells',
    '  reads from writes by the command name.',
    '- An empty `Query` reports 0; DynamoDB on AWS charges at least 0.5 RCU for any read. A `GetItem` of a missing item reports 0.5, as on AWS.',
    "- `TransactWriteItems`: the figure does not grow with the number of items — 1, 2, 4 or 8 small puts all report 2 WCU",
    '  (4 when each has an index entry) — so it is not the per-item sum AWS bills. Measured writes of transactional endpoints',
    '  are too low (or match by coincidence); the design minimum column is what DynamoDB on AWS would charge.',
    '- Outside transactions, index writes are reported (TOTAL includes them).',
  ].join('\n');
});
