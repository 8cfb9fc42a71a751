import { purgeDueCustomers } from '../customers/lifecycle.js';

/**
 * The local stand-in for the hourly EventBridge schedule of the purge sweep
 * (infra/constructs/purge-sweep.ts): runs the same use-case as its function, once at start and
 * then every `intervalMs` (FIELDBOOK_PURGE_SWEEP_MS, default one minute, so a
 * purge that stopped half-way is finished soon).
 */
export function startLocalPurgeSchedule(intervalMs = Number(process.env.FIELDBOOK_PURGE_SWEEP_MS ?? 60_000)): { stop: () => Promise<void> } {
  let running: Promise<unknown> = Promise.resolve();
  const tick = () => {
    running = running.then(() => purgeDueCustomers()).catch(() => undefined);
  };
  tick();
  const timer = setInterval(tick, intervalMs);
  timer.unref();
  return {
    stop: async () => {
      clearInterval(timer);
      await running;
    },
  };
}

export const localPurgeBanner = () => '  Trash:     customers trashed over 30 days ago are erased by a sweep every minute (the cloud runs it hourly)';
