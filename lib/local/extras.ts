import { docsSiteRoute } from './docs-site.js';
import { localPipelineBanner, startLocalPipeline } from './pipeline.js';
import type { ExtraRoute } from './server.js';

/**
 * What the local runtime runs beside the API: later capabilities (the
 * geocoding pipeline, the API docs) plug in here.
 */
export async function localExtras(): Promise<{ routes: ExtraRoute[]; stops: (() => Promise<void>)[]; banner: string[] }> {
  const geocoding = await startLocalPipeline();
  return {
    routes: [docsSiteRoute()],
    stops: [() => geocoding.stop()],
    banner: ['  Docs:      /docs (interactive reference) and /openapi.json, no key needed', localPipelineBanner()],
  };
}
