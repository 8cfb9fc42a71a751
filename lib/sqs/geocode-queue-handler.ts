import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import type { Context, SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import { logger } from '../logger.js';
import { geocodeLocation, markGeocodeFailed } from '../geocoding/geocode-location.js';
import { geocodeRequestFromStreamRecord } from '../geocoding/geocode-request.js';
import { GeocoderUnavailableError, type GeocodingProvider } from '../geocoding/provider.js';

export interface GeocodeQueueHandlerOptions {
  /** Builds the provider once per warm function. */
  provider: () => Promise<GeocodingProvider>;
  /** The queue's maxReceiveCount: the delivery on which retries are spent. */
  maxReceives: number;
  now?: () => Date;
}

export type GeocodeQueueHandler = (event: SQSEvent, context?: Context) => Promise<SQSBatchResponse>;

/**
 * The SQS-triggered geocode worker: each message is one table stream record
 * (as the Pipe forwards it). Records are handled independently and failures
 * reported per message (partial batch response), so one bad record never
 * fails its batch-mates.
 *
 * - match / no match → `geocoded` / `not_found` (keeping the provisional centroid); stale or duplicate → ignored; all succeed.
 * - retryable provider error → the message fails and SQS redelivers it; on
 *   the last allowed receive the location is first written `failed`, and the
 *   message still fails so it lands in the dead-letter queue, whose alarm
 *   tells operators the provider was out long enough to spend every retry.
 * - non-retryable provider error → `failed` at once (asking again cannot help); the message succeeds.
 * - malformed record, or a table error → the message fails (retried, then dead-lettered).
 */
export function geocodeQueueHandler(opts: GeocodeQueueHandlerOptions): GeocodeQueueHandler {
  let provider: Promise<GeocodingProvider> | undefined;
  const getProvider = () => {
    provider ??= opts.provider().catch((err: unknown) => {
      provider = undefined;
      throw err;
    });
    return provider;
  };

  const handleRecord = async (record: SQSRecord): Promise<void> => {
    const receiveCount = Number(record.attributes.ApproximateReceiveCount) || 1;
    const log = { message_id: record.messageId, receive_count: receiveCount };
    const request = geocodeRequestFromStreamRecord(record.body);
    if (!request) {
      logger.info('record needs no geocoding; skipped', log);
      return;
    }
    const ids = { ...log, tenant_id: request.tenantId, customer_id: request.customerId, location_id: request.locationId, address_version: request.addressVersion };
    const geocoder = await getProvider();
    try {
      const outcome = await geocodeLocation(request, geocoder, opts.now);
      logger.info(outcome === 'stale' ? 'geocode result discarded: location changed or already answered' : `location ${outcome}`, { ...ids, outcome });
    } catch (err) {
      if (!(err instanceof GeocoderUnavailableError)) throw err;
      const lastReceive = receiveCount >= opts.maxReceives;
      if (err.retryable && !lastReceive) {
        logger.warn('geocoder unavailable; message will be redelivered', { ...ids, error: err.message });
        throw err;
      }
      const outcome = await markGeocodeFailed(request);
      logger.error(err.retryable ? 'geocoder unavailable on the last receive; location failed, message to the dead-letter queue' : 'geocoder rejected the request; location failed', {
        ...ids,
        outcome,
        provider: geocoder.source,
        error: err.message,
      });
      if (err.retryable) throw err;
    }
  };

  return async (event, context) => {
    // One processor per invocation: its state is per batch, and the local pipeline may overlap calls.
    const processor = new BatchProcessor(EventType.SQS);
    return processPartialResponse(event, handleRecord, processor, { context, throwOnFullBatchFailure: false });
  };
}
