/**
 * `npm run bench` — every figure of bench/RESULTS.md, in one run.
 *
 *   npm run bench                       all sections, full sizes → bench/RESULTS.md
 *   npm run bench -- --quick            fewer iterations, scaling at 1k and 10k only
 *   npm run bench -- overhead scaling   only those sections
 *   npm run bench -- --sizes=1000,10000 scaling sizes (default 1k, 10k, 100k)
 *
 * A run of every section writes bench/RESULTS.md (its header records the
 * command and flags); a run of some sections writes
 * bench/.out/RESULTS.<sections>.md instead, so the committed figures always
 * come from one run.
 *
 * One DynamoDB Local (in memory, started here) serves every section, each on
 * its own table; each section runs in its own Node process so that module
 * state and environment (REPORT_CONSUMED_CAPACITY) never leak between them.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startDynamoDbLocal } from '../lib/local/dynamodb-local.js';
import { describeMachine } from './support/machine.js';

const benchDir = path.dirname(fileURLToPath(import.meta.url));
const outDir = path.join(benchDir, '.out');

interface SectionSpec {
  name: string;
  title: string;
  needsDynamo: boolean;
  env?: Record<string, string>;
}

const sections: SectionSpec[] = [
  { name: 'overhead', title: '1. Overhead ratio', needsDynamo: true },
  { name: 'bundles', title: '2. Per function: bundle size and cold import', needsDynamo: false },
  { name: 'capacity', title: '3. Consumed capacity per endpoint', needsDynamo: true, env: { REPORT_CONSUMED_CAPACITY: '1' } },
  { name: 'scaling', title: '4. Scaling: list and search at 1k, 10k, 100k customers in one tenant', needsDynamo: true, env: { REPORT_CONSUMED_CAPACITY: '1' } },
  { name: 'pipeline', title: '5. Pipeline: geocoding throughput and latency', needsDynamo: true },
];

/** DynamoDB Local's JVM heap: 100k customers are ~900k items in memory. */
const dynamoHeap = '-Xms1g -Xmx4g';

function runSectionProcess(spec: SectionSpec, env: NodeJS.ProcessEnv): Promise<{ markdown: string; ok: boolean; seconds: number }> {
  const resultFile = path.join(outDir, `${spec.name}.md`);
  rmSync(resultFile, { force: true });
  const started = performance.now();
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(benchDir, 'sections', `${spec.name}.ts`)], {
      env: { ...env, ...spec.env, BENCH_RESULT_FILE: resultFile },
      // stdout carries the handlers' log lines: discard them (as CloudWatch would take them off the function).
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    child.on('exit', (code) => {
      let markdown: string;
      try {
        markdown = readFileSync(resultFile, 'utf8');
      } catch {
        markdown = `**Section failed** (exit code ${code}) before writing a result.`;
      }
      resolve({ markdown, ok: code === 0, seconds: (performance.now() - started) / 1000 });
    });
  });
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const quick = args.includes('--quick');
  const sizes = args.find((a) => a.startsWith('--sizes='))?.slice('--sizes='.length);
  const chosen = args.filter((a) => !a.startsWith('--'));
  const unknown = chosen.filter((c) => !sections.some((s) => s.name === c));
  if (unknown.length) throw new Error(`unknown section(s) ${unknown.join(', ')}; choose from ${sections.map((s) => s.name).join(', ')}`);
  const selected = chosen.length ? sections.filter((s) => chosen.includes(s.name)) : sections;
  const complete = selected.length === sections.length;
  const command = `npm run bench${args.length ? ` -- ${args.join(' ')}` : ''}`;
  mkdirSync(outDir, { recursive: true });

  const started = new Date();
  const machine = describeMachine();
  console.log(`Fieldbook bench — ${command}\n${machine.map((l) => `  ${l}`).join('\n')}\n`);

  let dynamo: Awaited<ReturnType<typeof startDynamoDbLocal>> | undefined;
  const env: NodeJS.ProcessEnv = { ...process.env, BENCH_QUICK: quick ? '1' : '0', AWS_REGION: 'us-east-1', ...(sizes ? { BENCH_SIZES: sizes } : {}) };
  if (selected.some((s) => s.needsDynamo)) {
    // JAVA_TOOL_OPTIONS reaches the JVM that startDynamoDbLocal spawns.
    process.env.JAVA_TOOL_OPTIONS = [process.env.JAVA_TOOL_OPTIONS, dynamoHeap].filter(Boolean).join(' ');
    dynamo = await startDynamoDbLocal();
    env.BENCH_DYNAMODB_ENDPOINT = dynamo.endpoint;
  }

  const parts: string[] = [];
  let failures = 0;
  try {
    for (const spec of selected) {
      console.log(`— ${spec.title}`);
      const result = await runSectionProcess(spec, env);
      if (!result.ok) failures += 1;
      console.log(`${result.markdown}\n(${result.seconds.toFixed(0)} s)\n`);
      parts.push(`## ${spec.title}\n\n${result.markdown.trim()}\n\n_Section time: ${result.seconds.toFixed(0)} s._`);
    }
  } finally {
    await dynamo?.stop();
  }

  const minutes = ((Date.now() - started.getTime()) / 60_000).toFixed(1);
  const document = [
    '# Fieldbook benchmark results',
    '',
    'Written by `bench/run.ts`; do not edit by hand — run the command again.',
    '',
    `- Date: ${started.toISOString()} (${minutes} min)`,
    `- Command: \`${command}\`${quick ? ' (quick mode: fewer iterations, smaller sizes)' : ''}`,
    ...machine.map((l) => `- ${l}`),
    `- DynamoDB Local: in memory, started by the bench (JVM ${dynamoHeap}), one table per section`,
    '',
    ...parts.flatMap((p) => [p, '']),
  ].join('\n');
  const file = complete ? path.join(benchDir, 'RESULTS.md') : path.join(outDir, `RESULTS.${quick ? 'quick.' : ''}${selected.map((s) => s.name).join('-')}.md`);
  writeFileSync(file, document);
  console.log(`Wrote ${path.relative(process.cwd(), file)} (${minutes} min)${failures ? ` — ${failures} section(s) failed` : ''}`);
  if (failures) process.exitCode = 1;
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
