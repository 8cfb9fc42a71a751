import type { BuildOptions } from 'esbuild';

/**
 * How every Lambda is bundled — shared by CDK (NodejsFunction) and the bench,
 * so that the sizes and import times the bench reports are those deployed.
 *
 * The AWS SDK v3 clients are bundled rather than taken from the runtime: the
 * runtime's copy is a version we do not test against, and a minified,
 * tree-shaken bundle imports faster than resolving the runtime's
 * node_modules (bench/RESULTS.md has the figures).
 */
export const lambdaBundling = {
  minify: true,
  sourceMap: true,
  /**
   * Maps without the sources embedded: stack traces only need the mappings, and
   * Node reads the whole map at import under --enable-source-maps (get.ts: map
   * 3.6 MB → 1.2 MB; the bundle itself ~950 kB).
   */
  sourcesContent: false,
  target: 'node24',
  format: 'esm' as const,
  externalModules: [] as string[],
  /** ESM bundles still meet CommonJS deps that call require(); give them one. */
  banner: "import { createRequire as __fbCreateRequire } from 'node:module'; const require = __fbCreateRequire(import.meta.url);",
  mainFields: ['module', 'main'],
};

/** The same options for calling esbuild directly (bench). */
export function esbuildOptions(entry: string, outfile: string): BuildOptions {
  return {
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: 'node',
    target: lambdaBundling.target,
    format: lambdaBundling.format,
    minify: lambdaBundling.minify,
    sourcemap: lambdaBundling.sourceMap,
    sourcesContent: lambdaBundling.sourcesContent,
    external: lambdaBundling.externalModules,
    banner: { js: lambdaBundling.banner },
    mainFields: lambdaBundling.mainFields,
    logLevel: 'silent',
  };
}
