/**
 * List and search latency and capacity as one tenant grows from 1k to 10k to
 * 100k customers. A list page and a search must cost in proportion to the
 * page and the matches, not to the tenant: the p50 and RCU of list pages and
 * of a selective search stay flat; a common word's cost follows its matches.
 */
import { createApiKey } from '../../lib/api-keys/api-keys.js';
import { store } from '../../lib/store/client.js';
import { startLocalServer } from '../../lib/local/server.js';
import { useBenchTable } from '../support/database.js';
import { generateCustomer, knownTags, knownWords } from '../support/customer-generator.js';
import { keepAliveClient } from '../support/http-client.js';
import { runSection } from '../support/section.js';
import { checkBulkPathEquivalence, seedCustomers, trashCustomersInBulk } from '../support/seeding.js';
import { ms, ratio, summarize, table } from '../support/stats.js';

const tenantPrefix = 'bench-';
const perPage = 50;
/** Half of the ids, spread over the whole range by a multiplicative hash (not every other id). */
const k = (n: number) => (n >= 1000 ? `${n / 1000}k` : String(n));
const inTrash = (id: number) => ((Math.imul(id, 2654435761) >>> 0) & 0x8000_0000) !== 0;

interface Probe {
  name: string;
  path: (size: number) => string;
  /** Expected matches at a size, from the generator (undefined: a list page, total = size). */
  expected: (counts: Counts, size: number) => number;
}
type Counts = Record<'selective' | 'common' | 'twoWords' | 'phoneDigits' | 'wideTag' | 'narrowTag', number>;

const tagPerPage = 25;
const byTag = (tag: string) => `/api/v1/customers?tag=${encodeURIComponent(tag)}&per_page=${tagPerPage}`;
const tagProbe = { wide: `tag "${knownTags.wide}" (30%), page 1 of ${tagPerPage}`, narrow: `tag "${knownTags.narrow}" (30 customers), page 1 of ${tagPerPage}` };
const search = (q: string) => `/api/v1/customers?search=${encodeURIComponent(q)}&per_page=${perPage}`;
const probes: Probe[] = [
  { name: 'list, page 1', path: () => `/api/v1/customers?page=1&per_page=${perPage}`, expected: (_c, size) => size },
  { name: 'list, last page', path: (size) => `/api/v1/customers?page=${size / perPage}&per_page=${perPage}`, expected: (_c, size) => size },
  { name: `search "${knownWords.selective.toLowerCase()}" (selective)`, path: () => search(knownWords.selective.toLowerCase()), expected: (c) => c.selective },
  { name: `search "${knownWords.common.toLowerCase()}" (common word, 10%)`, path: () => search(knownWords.common.toLowerCase()), expected: (c) => c.common },
  { name: `search "${knownWords.twoWords.join(' ').toLowerCase()}" (2 words)`, path: () => search(knownWords.twoWords.join(' ').toLowerCase()), expected: (c) => c.twoWords },
  { name: `search "${knownWords.phoneDigits}" (phone digits)`, path: () => search(knownWords.phoneDigits), expected: (c) => c.phoneDigits },
  // Tags (issue 10): page 1 of each, 25 a page, so both pages are full and compare like with like.
  { name: tagProbe.wide, path: () => byTag(knownTags.wide), expected: (c) => c.wideTag },
  { name: tagProbe.narrow, path: () => byTag(knownTags.narrow), expected: (c) => c.narrowTag },
  { name: 'GET /tags', path: () => '/api/v1/tags', expected: () => Object.keys(knownTags).length },
];

interface Cell {
  p50: number;
  p95: number;
  read: number;
  total: number;
  expected: number;
  returned: number;
}

runSection('scaling', async ({ quick, log }) => {
  if (process.env.REPORT_CONSUMED_CAPACITY !== '1') throw new Error('REPORT_CONSUMED_CAPACITY=1 must be set before the handlers load (bench/run.ts does it)');
  // BENCH_SIZES (npm run bench -- --sizes=1000,10000): when the machine is too slow to seed 100k in the time at hand.
  const sizes = process.env.BENCH_SIZES ? process.env.BENCH_SIZES.split(',').map(Number) : quick ? [1_000, 10_000] : [1_000, 10_000, 100_000];
  if (sizes.some((s) => !Number.isInteger(s) || s < perPage || s % perPage !== 0)) throw new Error(`sizes must be multiples of ${perPage}: ${sizes.join(',')}`);
  const reps = quick ? 15 : 30;

  log('checking that the bulk seeding path writes what createCustomer writes');
  const checkDb = await useBenchTable('bulk-check', { stream: false });
  const checkedItems = await checkBulkPathEquivalence(checkDb, 30);

  await useBenchTable('scaling', { stream: false });
  // One tenant per size, side by side in one table, so the sizes can be measured interleaved (drift and
  // JIT warm-up then hit every size alike) and each tenant's reads run next to other tenants' data.
  const tenants = new Map<number, { name: string; key: string }>();
  const counts = new Map<number, Counts>();
  const seeding: string[] = [];
  for (const size of sizes) {
    const name = `${tenantPrefix}${size}`;
    const { key } = await createApiKey({ tenantId: name, name: 'bench', scopes: ['customers:read'] });
    tenants.set(size, { name, key });
    const started = performance.now();
    let lastLog = 0;
    await seedCustomers(name, 1, size, {
      concurrency: 4,
      onProgress: (done) => {
        if (done - lastLog >= 10_000) {
          lastLog = done;
          log(`seeding tenant ${name}: ${done}`);
        }
      },
    });
    const seconds = (performance.now() - started) / 1000;
    seeding.push(`${size.toLocaleString('en-US')} in ${seconds.toFixed(0)} s (${(size / seconds).toFixed(0)}/s)`);
    const c: Counts = { selective: 0, common: 0, twoWords: 0, phoneDigits: 0, wideTag: 0, narrowTag: 0 };
    for (let i = 1; i <= size; i++) {
      const m = generateCustomer(i).matches;
      for (const k of Object.keys(c) as (keyof Counts)[]) if (m[k]) c[k] += 1;
    }
    counts.set(size, c);
  }

  const server = await startLocalServer({ port: 0 });
  const client = keepAliveClient(server.url);
  const get = async (size: number, path: string) => {
    const res = await client.request('GET', path, { 'x-api-key': tenants.get(size)!.key });
    if (res.status !== 200) throw new Error(`GET ${path} answered ${res.status}: ${res.body.slice(0, 200)}`);
    const body = JSON.parse(res.body) as { data: unknown[]; pagination: { total: number } };
    const cc = JSON.parse(String(res.headers['x-consumed-capacity'])) as { read: number };
    return { total: body.pagination.total, returned: body.data.length, read: cc.read };
  };

  const warmup = 5;
  log(`measuring: ${warmup} warm-up + ${reps} rounds of ${probes.length} requests × ${sizes.length} sizes`);
  const samples = new Map<string, number[]>();
  const last = new Map<string, Awaited<ReturnType<typeof get>>>();
  for (let r = 0; r < warmup + reps; r++) {
    // Round-robin over requests and sizes, so that drift spreads over all of them.
    for (const p of probes) {
      for (const size of sizes) {
        const path = p.path(size);
        const t = performance.now();
        const answer = await get(size, path);
        const elapsed = performance.now() - t;
        if (r < warmup) continue;
        const id = `${size}|${p.name}`;
        samples.set(id, [...(samples.get(id) ?? []), elapsed]);
        last.set(id, answer);
      }
    }
  }
  const results = new Map<number, Map<string, Cell>>(
    sizes.map((size) => [
      size,
      new Map(
        probes.map((p) => {
          const s = summarize(samples.get(`${size}|${p.name}`)!);
          const a = last.get(`${size}|${p.name}`)!;
          return [p.name, { p50: s.p50, p95: s.p95, read: a.read, total: a.total, returned: a.returned, expected: p.expected(counts.get(size)!, size) }];
        }),
      ),
    ]),
  );

  // Lists that survive deletes (issue 9): half of the smallest and the largest tenant moved to the trash, then
  // page 1, the middle page and the last page of what is left, against the same pages of the small tenant.
  const trashSizes = [sizes[0]!, sizes[sizes.length - 1]!].filter((v, i, a) => a.indexOf(v) === i);
  const trashing: string[] = [];
  for (const size of trashSizes) {
    const ids = Array.from({ length: size }, (_, i) => i + 1).filter(inTrash);
    const started = performance.now();
    log(`trashing ${ids.length} of tenant ${tenants.get(size)!.name}`);
    await trashCustomersInBulk(tenants.get(size)!.name, ids);
    trashing.push(`${ids.length.toLocaleString('en-US')} of ${size.toLocaleString('en-US')} in ${((performance.now() - started) / 1000).toFixed(0)} s`);
  }
  // Counted once per size, before any request is timed: walking 100,000 ids inside the timer would be timed as the API's.
  const listedCounts = new Map(trashSizes.map((size) => [size, size - Array.from({ length: size }, (_, i) => i + 1).filter(inTrash).length]));
  const listed = (size: number) => listedCounts.get(size)!;
  const trashProbes = [
    { name: 'page 1', path: () => `/api/v1/customers?page=1&per_page=${perPage}`, expected: (size: number) => listed(size) },
    { name: 'middle page', path: (size: number) => `/api/v1/customers?page=${Math.ceil(Math.ceil(listed(size) / perPage) / 2)}&per_page=${perPage}`, expected: (size: number) => listed(size) },
    { name: 'last page', path: (size: number) => `/api/v1/customers?page=${Math.ceil(listed(size) / perPage)}&per_page=${perPage}`, expected: (size: number) => listed(size) },
    { name: 'last page, include_deleted=1', path: (size: number) => `/api/v1/customers?include_deleted=1&page=${size / perPage}&per_page=${perPage}`, expected: (size: number) => size },
  ];
  const trashSamples = new Map<string, number[]>();
  const trashLast = new Map<string, Awaited<ReturnType<typeof get>>>();
  // Where a request's time goes: every DynamoDB call the server makes, timed, by probe and command (the server runs in this process).
  const doc = store().doc as unknown as { send: (command: object) => Promise<unknown> };
  const send = doc.send.bind(doc);
  let probeId: string | undefined;
  const callTimes = new Map<string, number[]>();
  /** Per request: from the first DynamoDB call's start to the last one's end (the requests run one at a time). */
  let span: { start: number; end: number } | undefined;
  doc.send = async (command: object) => {
    const t = performance.now();
    span = { start: span?.start ?? t, end: span?.end ?? t };
    try {
      return await send(command);
    } finally {
      span.end = performance.now();
      if (probeId) {
        let kind = command.constructor.name.replace('Command', '');
        // The gap ids' BatchGetItem apart from the page's: the first key tells (I#… vs CUSTOMER).
        if (kind === 'BatchGet') kind = String(Object.values((command as { input: { RequestItems: Record<string, { Keys: { sk: string }[] }> } }).input.RequestItems)[0]!.Keys[0]!.sk).startsWith('I#') ? 'BatchGet-gaps' : 'BatchGet-page';
        const key = `${probeId}|${kind}`;
        callTimes.set(key, [...(callTimes.get(key) ?? []), performance.now() - t]);
      }
    }
  };
  for (let r = 0; r < warmup + reps; r++) {
    for (const p of trashProbes) {
      for (const size of trashSizes) {
        const id = `${size}|${p.name}`;
        probeId = r < warmup ? undefined : id;
        span = undefined;
        const path = p.path(size);
        const t = performance.now();
        const answer = await get(size, path);
        const elapsed = performance.now() - t;
        if (r < warmup) continue;
        // Set by the wrapped send during the request (tsc cannot see that through the closure).
        const seen = span as { start: number; end: number } | undefined;
        const db = seen ? seen.end - seen.start : 0;
        for (const [kind, value] of [['span', db], ['outside', elapsed - db]] as const) {
          callTimes.set(`${id}|${kind}`, [...(callTimes.get(`${id}|${kind}`) ?? []), value]);
        }
        trashSamples.set(id, [...(trashSamples.get(id) ?? []), elapsed]);
        trashLast.set(id, answer);
      }
    }
  }
  probeId = undefined;
  doc.send = send;
  client.close();
  await server.close();
  const trashCell = (size: number, name: string) => ({ ...summarize(trashSamples.get(`${size}|${name}`)!), ...trashLast.get(`${size}|${name}`)! });
  const small = trashSizes[0]!;
  const big = trashSizes[trashSizes.length - 1]!;
  const trashTarget = 1.2;
  const verdicts: string[] = [];
  const trashRows = trashProbes.map((p) => {
    const a = trashCell(small, p.name);
    const z = trashCell(big, p.name);
    const p50Ratio = z.p50 / a.p50;
    const readRatio = z.read / a.read;
    const exact = a.total === p.expected(small) && z.total === p.expected(big) && z.returned === Math.min(perPage, z.total - (Number(/page=(\d+)/.exec(p.path(big))![1]) - 1) * perPage);
    const pass = p50Ratio <= trashTarget && readRatio <= trashTarget && exact;
    verdicts.push(pass ? 'pass' : 'fail');
    return [
      p.name,
      `${ms(a.p50)} · ${a.read} RCU · ${a.total.toLocaleString('en-US')}`,
      `${ms(z.p50)} · ${z.read} RCU · ${z.total.toLocaleString('en-US')}`,
      `${p50Ratio.toFixed(2)}×`,
      `${readRatio.toFixed(2)}×`,
      pass ? 'pass' : `**fail**${exact ? '' : ' (total or page size wrong)'}`,
    ];
  });
  const commands = ['Get', 'Query', 'BatchGet-gaps', 'BatchGet-page'];
  const callRows = trashProbes.flatMap((p) =>
    trashSizes.map((size) => [
      `${p.name}, ${k(size)}`,
      ...commands.map((c) => {
        const times = callTimes.get(`${size}|${p.name}|${c}`) ?? [];
        return times.length ? `${(times.length / reps).toFixed(0)} × ${ms(summarize(times).p50)}` : '—';
      }),
      ms(summarize(callTimes.get(`${size}|${p.name}|span`)!).p50),
      ms(summarize(callTimes.get(`${size}|${p.name}|outside`)!).p50),
    ]),
  );
  const trashMarkdown = [
    '',
    `### Lists with half the tenant in the trash (issue 9)`,
    '',
    `After the measurements above, half of the ${k(small)} and the ${k(big)} tenants were moved to the trash (ids chosen by a hash,`,
    `so the trashed ids are spread over the whole id range: ${trashing.join('; ')}, through \`customerBulkTrash.trashLoaded\`,`,
    `which writes the end state \`trashCustomer\` writes — checked for 30 customers with the bulk seeding above). Then page 1, the`,
    `middle page and the last page of the customers left, interleaved as above (${warmup} warm-up rounds, then ${reps}). Each cell:`,
    `p50 · RCU of one request · \`pagination.total\`. Target (issue 9): the ${k(big)} tenant's pages at ≤ ${trashTarget}× the p50 and the read`,
    `units of the same pages of the ${k(small)} tenant.`,
    '',
    table(['request', `${k(small)} customers, half trashed`, `${k(big)} customers, half trashed`, 'p50 ratio', 'RCU ratio', `target ≤ ${trashTarget}×`], trashRows),
    '',
    `${verdicts.filter((v) => v === 'pass').length} of ${verdicts.length} within the target. A plain page reads the counters item, one Query of the`,
    `gap ranges (one item per 100,000 ids, two lists of 100 bucket counts: ${Math.ceil(big / 100_000)} at ${k(big)}) and the gap ids of the one or two buckets the page`,
    'falls in, then the page: nothing grows with the number of deletions (docs/data-model.md, "Lists that survive deletes").',
    '',
    'Where the time goes: each DynamoDB call of those requests timed where the server sends it, per request (calls per',
    'request × their p50; the counters GetItem and the gap-range Query run in parallel, then the two BatchGetItems one after the other),',
    'the p50 of the span from the first call to the last answer, and of the rest of the request (HTTP, auth, validation, the id',
    'arithmetic, serializing; the client included).',
    '',
    table(['request', 'GetItem (counters)', 'Query (gap ranges)', 'BatchGetItem (gap ids)', 'BatchGetItem (page)', 'first call → last answer', 'the rest of the request'], callRows),
  ].join('\n');

  const first = sizes[0]!;
  const lastSize = sizes[sizes.length - 1]!;
  const cell = (size: number, name: string) => results.get(size)!.get(name)!;
  const rows = probes.map((p) => [
    p.name,
    ...sizes.map((size) => {
      const c = cell(size, p.name);
      return `${ms(c.p50)} · ${c.read} RCU · ${c.total.toLocaleString('en-US')}${c.total === c.expected ? '' : ` (expected ${c.expected})`}`;
    }),
    ratio(cell(lastSize, p.name).p50, cell(first, p.name).p50),
  ]);
  // Issue 10: page 1 of a tag on 30% of the biggest tenant against page 1 of a tag on 30 of its customers.
  const wide = cell(lastSize, tagProbe.wide);
  const narrow = cell(lastSize, tagProbe.narrow);
  const tagTarget = 1.2;
  const tagP50Ratio = wide.p50 / narrow.p50;
  const tagReadRatio = wide.read / narrow.read;
  const tagPass = tagP50Ratio <= tagTarget && tagReadRatio <= tagTarget && wide.total === wide.expected && narrow.total === narrow.expected && wide.returned === tagPerPage && narrow.returned === tagPerPage;
  const tagMarkdown = [
    '',
    '### Tags: page 1 of a big tag against a small one (issue 10)',
    '',
    `In the ${k(lastSize)} tenant, "${knownTags.wide}" is on ${wide.total.toLocaleString('en-US')} customers and "${knownTags.narrow}" on ${narrow.total}; page 1 (${tagPerPage} a page) of each,`,
    `from the rounds above. Target (issue 10): the big tag's page at ≤ ${tagTarget}× the small one's p50 and read units.`,
    '',
    table(
      ['request', 'p50', 'RCU', '`pagination.total`'],
      [
        [`"${knownTags.wide}", page 1`, ms(wide.p50), String(wide.read), wide.total.toLocaleString('en-US')],
        [`"${knownTags.narrow}", page 1`, ms(narrow.p50), String(narrow.read), narrow.total.toLocaleString('en-US')],
        ['ratio', `${tagP50Ratio.toFixed(2)}×`, `${tagReadRatio.toFixed(2)}×`, ''],
      ],
    ),
    '',
    `${tagPass ? 'Within the target' : '**Not within the target**'}: a tag's page reads the tag's member items up to the page's end (keys only), its`,
    `tally (at most 8 shards) and one BatchGetItem of the page, so it costs the same at 30 and at ${wide.total.toLocaleString('en-US')} carriers. GET /tags reads the`,
    'tag tallies only (see its row above: the same at every size).',
  ].join('\n');
  const wrong = probes.flatMap((p) => sizes.filter((s) => cell(s, p.name).total !== cell(s, p.name).expected).map((s) => `${p.name} at ${k(s)}`));
  return [
    `One tenant per size — ${sizes.map((s) => s.toLocaleString('en-US')).join(', ')} customers (generated deterministically by bench/support/customer-generator.ts:`,
    `customer #i is the same in every tenant) — side by side in one table, read through the local HTTP server with a warm key,`,
    `all requests interleaved (${warmup} warm-up rounds, then ${reps}). Each cell: p50 of ${reps} requests · RCU`,
    `of one request (X-Consumed-Capacity) · matches (\`pagination.total\`). ${perPage} per page; the last page is page size ÷ ${perPage}.`,
    '',
    table(['request', ...sizes.map((s) => `${k(s)} customers`), `p50 ${k(lastSize)} ÷ ${k(first)}`], rows),
    '',
    wrong.length
      ? `**Match counts differ from the generator's for:** ${wrong.join(', ')}.`
      : 'Every match count equals the one the generator predicts (computed from its own rule, not by the search code).',
    '',
    'How the known words are placed: "quillfeather" is the surname of exactly 20 customers, all among the first 1,000, so its',
    'matches stay 20 at every size; "hvac" is in every 10th name (10%); "maria" is the first name of every 50th customer and',
    '"garcia" one of 50 surnames drawn at random (≈ 2% each), so the 2-word search reads both words\' term ranges (≈ 2% + 2% of',
    'the tenant) to find their intersection; "512" is the area code of every 20th phone (5%) plus the numbers ending in 512.',
    '',
    `Seeding: ${seeding.join('; ')} customers — through the store's bulk path (\`customerBulk.reserveIds\` + \`bulkLoad\`: the items`,
    `\`createCustomer\` writes, via BatchWriteItem). Checked before seeding: for 30 customers, createCustomer and the bulk path`,
    `wrote the same ${checkedItems} items (tenant id and timestamps normalized). The bench table has no stream (DynamoDB Local`,
    'slows every write as stream records pile up; reads never touch it); otherwise it is `createTableInput` of lib/store/table.ts.',
    tagMarkdown,
    trashMarkdown,
  ].join('\n');
});
