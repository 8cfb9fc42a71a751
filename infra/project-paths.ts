import { fileURLToPath } from 'node:url';
import path from 'node:path';

/** The repository root, so that synth works from any working directory. */
export const projectRoot = fileURLToPath(new URL('..', import.meta.url));

/** A repository-relative path (as route entries are written) made absolute. */
export function projectPath(relative: string): string {
  return path.join(projectRoot, relative);
}
