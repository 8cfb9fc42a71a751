import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** Git-ignored folder for local data: DynamoDB Local's files, the dev key, the runtime file. */
export const localDataDir = path.resolve(fileURLToPath(new URL('../../.data', import.meta.url)));
const runtimeFile = path.join(localDataDir, 'runtime.json');

export interface LocalRuntimeInfo {
  endpoint: string;
  tableName: string;
  apiUrl: string;
  pid: number;
}

/** Tells other commands (the keys CLI, the bench) where the running local runtime keeps its table. */
export function writeRuntimeInfo(info: LocalRuntimeInfo): void {
  mkdirSync(localDataDir, { recursive: true });
  writeFileSync(runtimeFile, JSON.stringify(info, null, 2));
}

export function readRuntimeInfo(): LocalRuntimeInfo | undefined {
  if (!existsSync(runtimeFile)) return undefined;
  const info = JSON.parse(readFileSync(runtimeFile, 'utf8')) as LocalRuntimeInfo;
  try {
    process.kill(info.pid, 0);
    return info;
  } catch {
    return undefined; // the runtime that wrote it is gone
  }
}

export function clearRuntimeInfo(): void {
  rmSync(runtimeFile, { force: true });
}
