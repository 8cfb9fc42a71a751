import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { esbuildOptions } from '../../infra/bundling.js';

export const repoRoot = path.resolve(fileURLToPath(new URL('../..', import.meta.url)));

/** Every input esbuild puts into a function's bundle (bytes > 0), bundled as CDK bundles it (infra/bundling.ts), as esbuild names it. */
export async function bundledInputs(entry: string): Promise<string[]> {
  const result = await build({
    ...esbuildOptions(path.join(repoRoot, entry), path.join(repoRoot, 'bench/.out/unused.mjs')),
    write: false,
    sourcemap: false,
    metafile: true,
  });
  const output = Object.values(result.metafile.outputs)[0]!;
  return Object.entries(output.inputs)
    .filter(([, { bytesInOutput }]) => bytesInOutput > 0)
    .map(([input]) => input);
}

/** The same inputs as repository-relative paths (lib/…, node_modules/…). */
export async function bundledFiles(entry: string): Promise<string[]> {
  return (await bundledInputs(entry)).map((input) => path.relative(repoRoot, path.resolve(repoRoot, input)));
}
