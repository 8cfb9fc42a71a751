import { createApiKey } from '../../lib/api-keys/api-keys.js';
import { startLocalServer, type LocalServer } from '../../lib/local/server.js';
import { assertMatchesContract } from './contract.js';
import { useFreshTable } from './fresh-table.js';

export interface TestApi {
  server: LocalServer;
  url: string;
  /** Read-write key of tenant `acme`. */
  key: string;
  /** Read-only key of tenant `acme`. */
  readKey: string;
  /** Read-write key of another tenant, `globex`. */
  otherTenantKey: string;
  /** fetch against the server with a key (default: the read-write one) and JSON. */
  call(method: string, path: string, opts?: { key?: string | null; body?: unknown; headers?: Record<string, string> }): Promise<{ status: number; headers: Headers; body: any }>;
  close(): Promise<void>;
}

/** A fresh table, three keys and the local HTTP server on a free port. */
export async function startTestApi(): Promise<TestApi> {
  await useFreshTable('e2e');
  const rw = ['customers:read', 'customers:write'];
  const key = (await createApiKey({ tenantId: 'acme', name: 'rw', scopes: rw })).key;
  const readKey = (await createApiKey({ tenantId: 'acme', name: 'ro', scopes: ['customers:read'] })).key;
  const otherTenantKey = (await createApiKey({ tenantId: 'globex', name: 'rw', scopes: rw })).key;
  const server = await startLocalServer({ port: 0 });
  return {
    server,
    url: server.url,
    key,
    readKey,
    otherTenantKey,
    async call(method, path, opts = {}) {
      const headers: Record<string, string> = { ...opts.headers };
      const k = opts.key === undefined ? key : opts.key;
      if (k !== null) headers['x-api-key'] = k;
      let body: string | undefined;
      if (opts.body !== undefined) {
        body = typeof opts.body === 'string' ? opts.body : JSON.stringify(opts.body);
        headers['content-type'] ??= 'application/json';
      }
      const res = await fetch(`${server.url}${path}`, { method, headers, body });
      const text = await res.text();
      let parsed: unknown = text;
      try {
        parsed = JSON.parse(text);
      } catch {
        // not JSON: leave as text
      }
      // Every response of the e2e suite must match the OpenAPI document (status, headers, body).
      assertMatchesContract({ method, url: `${server.url}${path}`, status: res.status, headers: res.headers, body: parsed });
      return { status: res.status, headers: res.headers, body: parsed };
    },
    close: () => server.close(),
  };
}
