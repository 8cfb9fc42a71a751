import { describe, expect, it } from 'vitest';
import { routeList } from '../../lib/routes.js';
import { bundledFiles } from '../support/bundled-inputs.js';

/**
 * What keeps each function within issue 8's budget (bench/RESULTS.md measures
 * it): modules that build or describe every schema at import stay out of the
 * Lambda bundles, and a GET function carries no body handling.
 */

/** Build every body of an entity at import (tests and tools use them), or describe schemas for the OpenAPI document. */
const neverInAFunction = ['lib/customers/schema.ts', 'lib/locations/schema.ts', 'lib/routes.ts'];

describe('what each HTTP function bundles', () => {
  it.each(routeList.map((r) => [r.operationId, r.entry, r.request.body !== undefined] as const))(
    '%s bundles only its own route, no schema-building module, no OpenAPI code, and body handling only with a body',
    async (_operationId, entry, hasBody) => {
      const inputs = await bundledFiles(entry);
      expect(inputs.filter((i) => neverInAFunction.includes(i) || i.startsWith('lib/openapi/'))).toEqual([]);
      expect(inputs.filter((i) => i.startsWith('lib/routes/') && i !== 'lib/routes/route-definition.ts')).toHaveLength(1);
      expect(inputs.includes('lib/http/middleware/json-body.ts')).toBe(hasBody);
      expect(inputs.includes('lib/http/middleware/body-limits.ts')).toBe(hasBody);
    },
    60_000,
  );

  it.each(routeList.map((r) => [r.operationId, r.entry] as const))(
    '%s bundles the customer schemas only if it builds a customer body',
    async (operationId, entry) => {
      const inputs = await bundledFiles(entry);
      expect(inputs.includes('lib/model/customer-schemas.ts')).toBe(['createCustomer', 'updateCustomer'].includes(operationId));
    },
    60_000,
  );
});
