import { expect } from 'vitest';
import { startLocalPipeline, type LocalPipeline } from '../../lib/local/pipeline.js';
import { startTestApi, type TestApi } from './local-api.js';

export interface GeocodingTestApi {
  api: TestApi;
  pipeline: LocalPipeline;
  /** Creates a customer of the test tenant and returns its id. */
  newCustomer(): Promise<number>;
  close(): Promise<void>;
}

/**
 * The local API plus the local geocoding pipeline (the Pipe + SQS stand-in)
 * with the offline provider: the whole issue-3 path over HTTP.
 */
export async function startGeocodingTestApi(): Promise<GeocodingTestApi> {
  process.env.GEOCODER = 'offline';
  const api = await startTestApi();
  const pipeline = await startLocalPipeline({ log: () => undefined, pollIntervalMs: 50 });
  let n = 0;
  return {
    api,
    pipeline,
    async newCustomer() {
      n += 1;
      const res = await api.call('POST', '/api/v1/customers', {
        body: { customer_name: `Geocoding ${n}`, customer_email: `geocoding${n}@example.com`, customer_phone: '+15551234567', default_sla_hours: 8 },
      });
      expect(res.status).toBe(201);
      return res.body.data.customer_id as number;
    },
    async close() {
      await pipeline.stop();
      await api.close();
    },
  };
}
