import { docsSiteRoute } from './docs-site.js';
import { localPipelineBanner, startLocalPipeline } from './pipeline.js';
import { localPurgeBanner, startLocalPurgeSchedule } from './purge-schedule.js';
import type { ExtraRoute } from './server.js';

/**
 * What the local runtime runs beside the API: later capabilities (the
 * geocoding pipeline, the API docs) plug in here.
 */
export async function localExtras(): Promise<{ routes: ExtraRoute[]; stops: (() => Promise<void>)[]; banner: string[] }> {
  const geocoding = await startLocalPipeline();
  const purges = startLocalPurgeSchedule();
  return {
    routes: [docsSiteRoute()],
    stops: [() => geocoding.stop(), () => purges.stop()],
    banner: ['  Docs:      /docs (interactive reference) and /openapi.json, no key needed', localPipelineBanner(), localPurgeBanner()],
  };
}
