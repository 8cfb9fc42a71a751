import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { generatedFiles, repoRoot } from '../../lib/openapi/generated-files.js';

describe('committed generated files', async () => {
  const files = await generatedFiles();
  it.each(files.map((f) => [f.path, f] as const))('%s is what the code generates', (_path, file) => {
    let committed = '';
    try {
      committed = readFileSync(path.join(repoRoot, file.path), 'utf8');
    } catch {
      // missing: reported below like any difference
    }
    expect(committed === file.content, `${file.path} is out of date with the code: run \`npm run openapi\` and commit the result`).toBe(true);
  });
});
