import { unmarshall } from '@aws-sdk/util-dynamodb';
import * as z from 'zod/mini';
import '../zod-locale.js';
import type { GeocodeAddress } from './provider.js';
import { needsGeocoding } from './stream-filter.js';

/** What the geocoder needs to know about one location: whose it is, which address version it saw, and the address. */
export interface GeocodeRequest {
  tenantId: string;
  customerId: number;
  locationId: number;
  addressVersion: number;
  address: GeocodeAddress;
}

/** A record is malformed: retrying cannot fix it. */
export class MalformedStreamRecordError extends Error {
  override name = 'MalformedStreamRecordError';
}

const positiveInt = z.number().check(z.int(), z.positive());
/** The fields of a location's new image the geocoder reads (see the location item contract). */
const locationImage = z.object({
  tenant_id: z.string().check(z.minLength(1)),
  customer_id: positiveInt,
  location_id: positiveInt,
  address_version: positiveInt,
  address_street: z.string(),
  address_city: z.string(),
  address_state: z.string(),
  address_zip: z.string(),
});

/**
 * Reads the geocode request out of a table stream record as the Pipe
 * delivers it in an SQS message body (the record as JSON, images in
 * DynamoDB JSON). Returns undefined for a well-formed record that does not
 * need geocoding (the filter is applied again, so a record that slipped
 * through is ignored, not failed); throws MalformedStreamRecordError for
 * anything unreadable.
 */
export function geocodeRequestFromStreamRecord(body: string): GeocodeRequest | undefined {
  let record: unknown;
  try {
    record = JSON.parse(body);
  } catch {
    throw new MalformedStreamRecordError('message body is not JSON');
  }
  const shape = record as { eventName?: unknown; dynamodb?: unknown } | null;
  if (typeof shape !== 'object' || shape === null || typeof shape.eventName !== 'string' || typeof shape.dynamodb !== 'object' || shape.dynamodb === null) {
    throw new MalformedStreamRecordError('message body is not a DynamoDB stream record');
  }
  if (!needsGeocoding(record)) return undefined;
  let image: unknown;
  try {
    image = unmarshall((record as { dynamodb: { NewImage: Parameters<typeof unmarshall>[0] } }).dynamodb.NewImage, { wrapNumbers: false });
  } catch (err) {
    throw new MalformedStreamRecordError(`NewImage is not DynamoDB JSON: ${(err as Error).message}`);
  }
  const parsed = locationImage.safeParse(image);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join('.') || '(image)'}: ${i.message}`).join('; ');
    throw new MalformedStreamRecordError(`location image lacks what geocoding needs: ${issues}`);
  }
  const l = parsed.data;
  return {
    tenantId: l.tenant_id,
    customerId: l.customer_id,
    locationId: l.location_id,
    addressVersion: l.address_version,
    address: { street: l.address_street, city: l.address_city, state: l.address_state, zip: l.address_zip },
  };
}
