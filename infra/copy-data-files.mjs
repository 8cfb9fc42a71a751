// After esbuild (NodejsFunction commandHooks.afterBundling, and the bench): ships
// each data file of infra/data-files.json whose reader the bundle includes beside
// the bundle, then removes the metafile that told which. Plain JavaScript, so the
// bundling shell runs it with any Node.
//   node infra/copy-data-files.mjs <projectRoot> <outputDir>
import { copyFileSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The data files (repository-relative) that a bundle with these inputs reads. */
export function dataFilesFor(projectRoot, inputs) {
  const { files } = JSON.parse(readFileSync(path.join(projectRoot, 'infra', 'data-files.json'), 'utf8'));
  const included = inputs.map((input) => path.relative(projectRoot, path.resolve(projectRoot, input)).split(path.sep).join('/'));
  return files.filter((f) => included.includes(f.readBy)).map((f) => f.file);
}

/**
 * What the bundle holds: inputs with bytes in an output. The metafile's
 * top-level `inputs` also lists modules read and then tree-shaken away, whose
 * code (a lazy reader, say) is not in the bundle. esbuild names inputs
 * relative to its working directory, the project root.
 */
export function bundledInputsOf(meta) {
  const inputs = new Set();
  for (const output of Object.values(meta.outputs)) {
    for (const [input, { bytesInOutput }] of Object.entries(output.inputs)) if (bytesInOutput > 0) inputs.add(input);
  }
  return [...inputs];
}

/** Copies the data files a bundle needs beside it; returns their repository-relative paths. */
export function copyDataFiles(projectRoot, outputDir, metafilePath = path.join(outputDir, 'index.meta.json'), removeMetafile = true) {
  const meta = JSON.parse(readFileSync(metafilePath, 'utf8'));
  const files = dataFilesFor(projectRoot, bundledInputsOf(meta));
  for (const file of files) copyFileSync(path.join(projectRoot, file), path.join(outputDir, path.basename(file)));
  if (removeMetafile) rmSync(metafilePath);
  return files;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const [projectRoot, outputDir] = process.argv.slice(2);
  if (!projectRoot || !outputDir) throw new Error('usage: node infra/copy-data-files.mjs <projectRoot> <outputDir>');
  copyDataFiles(path.resolve(projectRoot), path.resolve(outputDir));
}
