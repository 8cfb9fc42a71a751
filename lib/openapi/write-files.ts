/** `npm run openapi`: regenerates docs/openapi.json and lib/client/schema.d.ts from the code. */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { generatedFiles, repoRoot } from './generated-files.js';

for (const file of await generatedFiles()) {
  const target = path.join(repoRoot, file.path);
  mkdirSync(path.dirname(target), { recursive: true });
  writeFileSync(target, file.content);
  console.log(`wrote ${file.path}`);
}
