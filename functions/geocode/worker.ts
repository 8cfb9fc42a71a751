/** Geocode worker: SQS (fed by the table stream's Pipe) → provider → conditional write. See docs/geocoding.md. */
import { geocodeQueueHandler } from '../../lib/sqs/geocode-queue-handler.js';
import { createProvider } from '../../lib/geocoding/create-provider.js';
import { maxReceivesFromEnv } from '../../lib/geocoding/settings.js';

export const handler = geocodeQueueHandler({ provider: () => createProvider(), maxReceives: maxReceivesFromEnv() });
