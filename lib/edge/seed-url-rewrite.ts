import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import vm from 'node:vm';

/** The CloudFront Function's source, also what CDK deploys. */
export const seedUrlRewritePath = fileURLToPath(new URL('../../functions/edge/seed-url-rewrite.js', import.meta.url));

interface CfQueryValue {
  value: string;
  multiValue?: { value: string }[];
}

interface CfRequest {
  method: string;
  uri: string;
  querystring: Record<string, CfQueryValue>;
  headers: Record<string, { value: string }>;
}

let cfHandler: ((event: { request: CfRequest }) => CfRequest) | undefined;

function loadHandler() {
  // Evaluated in a bare context, as CloudFront would: no require, no process.
  cfHandler ??= vm.runInNewContext(`${readFileSync(seedUrlRewritePath, 'utf8')}\n;handler`, {}) as NonNullable<typeof cfHandler>;
  return cfHandler;
}

/**
 * Applies the edge rewrite to a request, returning the REST path, the query
 * parameters left for the handler and the request headers as the function
 * leaves them (lowercase names; repeated headers joined with commas, as API
 * Gateway does).
 */
export function rewriteSeedUrl(
  method: string,
  path: string,
  search: URLSearchParams,
  headers: Record<string, string | string[] | undefined> = {},
): { path: string; query: URLSearchParams; headers: Record<string, string> } {
  const querystring: Record<string, CfQueryValue> = {};
  for (const key of new Set(search.keys())) {
    const values = search.getAll(key);
    querystring[key] = { value: values[0]!, ...(values.length > 1 ? { multiValue: values.map((value) => ({ value })) } : {}) };
  }
  const cfHeaders: Record<string, { value: string }> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined) cfHeaders[name.toLowerCase()] = { value: Array.isArray(value) ? value.join(',') : value };
  }
  const out = loadHandler()({ request: { method, uri: path, querystring, headers: cfHeaders } });
  const query = new URLSearchParams();
  for (const [key, v] of Object.entries(out.querystring)) {
    for (const { value } of v.multiValue ?? [{ value: v.value }]) query.append(key, value);
  }
  const outHeaders = Object.fromEntries(Object.entries(out.headers).map(([name, v]) => [name, v.value]));
  return { path: out.uri, query, headers: outHeaders };
}
