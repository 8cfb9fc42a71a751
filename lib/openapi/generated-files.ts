import path from 'node:path';
import { fileURLToPath } from 'node:url';
import openapiTS, { astToString, COMMENT_HEADER } from 'openapi-typescript';
import { buildOpenApiDocument, serializeDocument } from './document.js';

/**
 * The committed files generated from the code: the OpenAPI document and the
 * typed client's declarations. `npm run openapi` writes them; the drift test
 * compares them with these contents. Dev-time only (openapi-typescript is a
 * devDependency and stays out of every Lambda bundle).
 */

export const repoRoot = path.resolve(fileURLToPath(new URL('../..', import.meta.url)));
export const openApiJsonPath = 'docs/openapi.json';
export const clientSchemaPath = 'lib/client/schema.d.ts';

export async function generatedFiles(document = buildOpenApiDocument()): Promise<{ path: string; content: string }[]> {
  const ast = await openapiTS(JSON.parse(JSON.stringify(document)), { exportType: false });
  return [
    { path: openApiJsonPath, content: serializeDocument(document) },
    { path: clientSchemaPath, content: `${COMMENT_HEADER.replace(' */', ' * Source: docs/openapi.json (npm run openapi).\n */')}${astToString(ast)}` },
  ];
}
