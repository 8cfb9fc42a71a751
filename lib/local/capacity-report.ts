import type { HttpHandler } from '../http/endpoint.js';
import { capacityMeter, CapacityMeter } from '../store/client.js';

/**
 * With REPORT_CONSUMED_CAPACITY=1 (the bench) the local server wraps each
 * handler so that its response carries the DynamoDB capacity the request
 * consumed, in X-Consumed-Capacity. Only the local server does this, so the
 * Lambda bundles hold none of it and HTTP code never reaches into the store.
 */
export function withCapacityReport(handler: HttpHandler): HttpHandler {
  if (process.env.REPORT_CONSUMED_CAPACITY !== '1') return handler;
  return async (event, context) => {
    const meter = new CapacityMeter();
    const result = await capacityMeter.run(meter, () => handler(event, context));
    result.headers['x-consumed-capacity'] = JSON.stringify({ read: meter.read, write: meter.write, calls: meter.calls });
    return result;
  };
}
