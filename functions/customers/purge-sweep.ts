import { purgeDueCustomers } from '../../lib/customers/lifecycle.js';
import { logger } from '../../lib/logger.js';

/** Scheduled (infra/constructs/purge-sweep.ts): erases trashed customers past their 30 days. */
export const handler = async (): Promise<{ erased: number; failed: number }> => {
  const outcome = await purgeDueCustomers();
  logger.info('purge sweep', outcome);
  return outcome;
};
