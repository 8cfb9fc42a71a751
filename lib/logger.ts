import { Logger } from '@aws-lambda-powertools/logger';

/** One structured JSON logger for every function; request_id is appended per request. */
export const logger = new Logger({
  serviceName: 'fieldbook',
  logLevel: (process.env.LOG_LEVEL as 'INFO' | undefined) ?? (process.env.VITEST ? 'SILENT' : 'INFO'),
});
