import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { buildOpenApiDocument, serializeDocument } from './document.js';

/**
 * The public docs site: GET /openapi.json (the document generated from the
 * code) and GET /docs, an interactive reference rendered by Swagger UI from
 * the swagger-ui-dist npm package — every asset is ours, nothing comes from a
 * CDN (the CSP below makes the browser refuse anything else). The same files
 * are served by the local server (lib/local/docs-site.ts) and uploaded to S3
 * behind CloudFront (infra/constructs/docs-site.ts).
 */

export interface DocsSiteFile {
  /** URL path the file answers. */
  urlPath: string;
  /** Object key in the docs bucket: the URL path without its leading slash. */
  key: string;
  contentType: string;
  body: string;
}

export const docsPath = '/docs';
export const openApiPath = '/openapi.json';

export const isDocsSitePath = (pathname: string) =>
  pathname === openApiPath || pathname === docsPath || pathname.startsWith(`${docsPath}/`);

/** Only our own origin: no CDN, no fonts or telemetry from elsewhere; Swagger UI needs inline styles and data: images. */
export const docsContentSecurityPolicy = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
].join('; ');

const indexHtml = `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <title>Fieldbook API reference</title>
    <link rel="icon" href="data:,">
    <link rel="stylesheet" href="${docsPath}/assets/swagger-ui.css">
  </head>
  <body>
    <div id="swagger-ui"></div>
    <script src="${docsPath}/assets/swagger-ui-bundle.js"></script>
    <script src="${docsPath}/assets/docs.js"></script>
  </body>
</html>
`;

// A file rather than an inline script, so that the CSP can forbid inline scripts.
const initScript = `// Swagger UI on the document of the server this page came from; "Try it out" calls that same origin.
window.ui = SwaggerUIBundle({
  url: new URL('${openApiPath}', window.location.origin).href,
  dom_id: '#swagger-ui',
  presets: [SwaggerUIBundle.presets.apis],
  layout: 'BaseLayout',
  deepLinking: true,
  docExpansion: 'list',
  persistAuthorization: true,
  displayRequestDuration: true,
  // The default posts the document to validator.swagger.io for a badge: no outside calls.
  validatorUrl: null,
});
`;

function swaggerUiDist(file: string): string {
  const dir = path.dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'));
  // Drop the source-map comment: the map is not served.
  return readFileSync(path.join(dir, file), 'utf8').replace(/\n\/[/*]# sourceMappingURL=\S+(\s*\*\/)?\s*$/, '\n');
}

/** Every file of the docs site. */
export function docsSiteFiles(document = buildOpenApiDocument()): DocsSiteFile[] {
  const file = (urlPath: string, key: string, contentType: string, body: string): DocsSiteFile => ({ urlPath, key, contentType, body });
  return [
    file(openApiPath, 'openapi.json', 'application/json; charset=utf-8', serializeDocument(document)),
    file(docsPath, 'docs', 'text/html; charset=utf-8', indexHtml),
    file(`${docsPath}/assets/swagger-ui.css`, 'docs/assets/swagger-ui.css', 'text/css; charset=utf-8', swaggerUiDist('swagger-ui.css')),
    file(`${docsPath}/assets/swagger-ui-bundle.js`, 'docs/assets/swagger-ui-bundle.js', 'text/javascript; charset=utf-8', swaggerUiDist('swagger-ui-bundle.js')),
    file(`${docsPath}/assets/docs.js`, 'docs/assets/docs.js', 'text/javascript; charset=utf-8', initScript),
  ];
}
