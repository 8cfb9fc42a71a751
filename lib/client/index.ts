import createClient, { type Client, type ClientOptions } from 'openapi-fetch';
import type { components, operations, paths } from './schema.js';

/**
 * The typed Fieldbook client: openapi-fetch over the types openapi-typescript
 * generates from docs/openapi.json (lib/client/schema.d.ts, `npm run openapi`).
 * Paths, parameters, bodies and answers are all checked by the compiler.
 *
 *   const fieldbook = createFieldbookClient({ baseUrl: 'http://localhost:3000', apiKey });
 *   const { data, error } = await fieldbook.GET('/api/v1/customers/{customerId}', { params: { path: { customerId: 201 } } });
 */

export type FieldbookClient = Client<paths>;
export type Customer = components['schemas']['Customer'];
export type Location = components['schemas']['Location'];
export type { components, operations, paths };

export interface FieldbookClientOptions extends Omit<ClientOptions, 'baseUrl'> {
  /** Origin of the API, e.g. https://api.example.com or http://localhost:3000 (the paths carry /api/v1). */
  baseUrl: string;
  /** An API key of your company (npm run keys -- create). */
  apiKey: string;
}

export function createFieldbookClient({ baseUrl, apiKey, headers, ...options }: FieldbookClientOptions): FieldbookClient {
  return createClient<paths>({
    ...options,
    baseUrl: baseUrl.replace(/\/+$/, ''),
    headers: { ...(headers as Record<string, string> | undefined), 'X-API-Key': apiKey },
  });
}
