import { buildOpenApiDocument } from '../openapi/document.js';
import { docsContentSecurityPolicy, docsSiteFiles, isDocsSitePath, type DocsSiteFile } from '../openapi/docs-site.js';
import type { HttpResult } from '../http/types.js';
import type { ExtraRoute } from './server.js';

/**
 * GET /openapi.json and GET /docs (+ assets) on the local server, without a
 * key. The document is generated from the running code; a route still
 * lacking a response schema is left out rather than taking the docs down
 * (the drift test is what insists on it).
 */
export function docsSiteRoute(): ExtraRoute {
  let files: Map<string, DocsSiteFile> | undefined;
  return (req, url): HttpResult | undefined => {
    if (!isDocsSitePath(url.pathname)) return undefined;
    const method = (req.method ?? 'GET').toUpperCase();
    if (method !== 'GET' && method !== 'HEAD') {
      return { statusCode: 405, headers: { allow: 'GET, HEAD', 'content-type': 'text/plain; charset=utf-8' }, body: 'Method Not Allowed\n' };
    }
    files ??= new Map(docsSiteFiles(buildOpenApiDocument(undefined, { skipUndocumented: true })).map((f) => [f.urlPath, f]));
    const file = files.get(url.pathname.replace(/\/+$/, '') || '/');
    if (!file) return { statusCode: 404, headers: { 'content-type': 'text/plain; charset=utf-8' }, body: 'Not Found\n' };
    return {
      statusCode: 200,
      headers: {
        'content-type': file.contentType,
        'content-security-policy': docsContentSecurityPolicy,
        'x-content-type-options': 'nosniff',
        'cache-control': 'no-cache',
      },
      body: method === 'HEAD' ? '' : file.body,
    };
  };
}
