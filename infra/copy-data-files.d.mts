/** Types of ./copy-data-files.mjs (plain JavaScript so the bundling shell runs it with any Node). */
export declare function dataFilesFor(projectRoot: string, inputs: readonly string[]): string[];
export declare function copyDataFiles(projectRoot: string, outputDir: string, metafilePath?: string, removeMetafile?: boolean): string[];
export declare function bundledInputsOf(meta: { outputs: Record<string, { inputs: Record<string, { bytesInOutput: number }> }> }): string[];
