import { spawnSync } from 'node:child_process';
import os from 'node:os';

/** What the figures were measured on: they are only comparable within one run on one machine. */
export function describeMachine(): string[] {
  const cpus = os.cpus();
  const java = spawnSync('java', ['-version'], { encoding: 'utf8' });
  const javaVersion = /version "([^"]+)"/.exec(`${java.stderr}${java.stdout}`)?.[1] ?? 'unknown';
  const [l1, l5] = os.loadavg();
  return [
    `CPU: ${cpus[0]?.model.trim() ?? 'unknown'}, ${cpus.length} logical cores`,
    `Memory: ${(os.totalmem() / 1024 ** 3).toFixed(1)} GiB`,
    `OS: ${os.type()} ${os.release()} (${os.arch()})`,
    `Node: ${process.version}; Java (DynamoDB Local): ${javaVersion}`,
    `Load average at start: ${l1!.toFixed(2)} (1 min), ${l5!.toFixed(2)} (5 min) — the machine is shared, so absolute times drift; ratios within the run are what matter`,
  ];
}
