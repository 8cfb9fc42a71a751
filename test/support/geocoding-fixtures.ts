import { randomUUID } from 'node:crypto';
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import type { SQSEvent, SQSRecord } from 'aws-lambda';
import type { Store } from '../../lib/store/client.js';
import { locationKeys } from '../../lib/store/keys.js';

/**
 * Location items written straight to the table, per the location item
 * contract (docs/geocoding.md), and the SQS messages the Pipe would make of
 * their stream records.
 */
export interface LocationItem {
  tenant_id: string;
  customer_id: number;
  location_id: number;
  location_name: string;
  address_street: string;
  address_city: string;
  address_state: string;
  address_zip: string;
  latitude: number | null;
  longitude: number | null;
  is_primary: boolean;
  created_at: string;
  updated_at: string;
  geocode_status: 'pending' | 'geocoded' | 'not_found' | 'failed' | 'manual';
  geocode_precision: string | null;
  geocode_source: string | null;
  geocoded_at: string | null;
  address_version: number;
}

let nextLocationId = 1;

/** Dallas 75201's provisional coordinate, as the API writes it: the ZIP centroid from the compact table. */
export const dallasZipCentroid = { latitude: 32.79, longitude: -96.8, geocode_precision: 'postal_code', geocode_source: 'us-zip-centroids' } as const;

/** The facts of a location written before coordinates were never null: pending with no coordinate at all. */
export const legacyPending = { latitude: null, longitude: null, geocode_precision: null, geocode_source: null } as const;

/** A location as the API writes it: pending, with the provisional ZIP centroid (Dallas 75201 unless overridden). */
export function pendingLocation(overrides: Partial<LocationItem> = {}): LocationItem {
  return {
    tenant_id: 'acme',
    customer_id: 201,
    location_id: nextLocationId++,
    location_name: 'East Wing',
    address_street: '456 Health Park Dr',
    address_city: 'Dallas',
    address_state: 'TX',
    address_zip: '75201',
    latitude: dallasZipCentroid.latitude,
    longitude: dallasZipCentroid.longitude,
    is_primary: true,
    created_at: '2026-01-15T10:00:00Z',
    updated_at: '2026-01-15T10:00:00Z',
    geocode_status: 'pending',
    geocode_precision: dallasZipCentroid.geocode_precision,
    geocode_source: dallasZipCentroid.geocode_source,
    geocoded_at: null,
    address_version: 1,
    ...overrides,
  };
}

const keyOf = (l: Pick<LocationItem, 'tenant_id' | 'customer_id' | 'location_id'>) => locationKeys.location(l.tenant_id, l.customer_id, l.location_id);

export async function putLocation(store: Store, item: LocationItem): Promise<void> {
  await store.doc.send(new PutCommand({ TableName: store.tableName, Item: { ...keyOf(item), entity: 'location', ...item } }));
}

export async function readLocation(store: Store, l: Pick<LocationItem, 'tenant_id' | 'customer_id' | 'location_id'>): Promise<LocationItem & Record<string, unknown>> {
  const out = await store.doc.send(new GetCommand({ TableName: store.tableName, Key: keyOf(l), ConsistentRead: true }));
  if (!out.Item) throw new Error(`location ${l.location_id} not found`);
  return out.Item as LocationItem & Record<string, unknown>;
}

/** The JSON of a DynamoDB stream record, as an EventBridge Pipe puts it in an SQS message body. */
export function streamRecordBody(image: object, eventName: 'INSERT' | 'MODIFY' | 'REMOVE' = 'INSERT'): string {
  const withKeys: Record<string, unknown> = 'location_id' in image ? { ...keyOf(image as LocationItem), entity: 'location', ...image } : { ...image };
  const dynamodbImage = marshall(withKeys, { removeUndefinedValues: true });
  return JSON.stringify({
    eventID: randomUUID().replaceAll('-', ''),
    eventName,
    eventVersion: '1.1',
    eventSource: 'aws:dynamodb',
    awsRegion: 'us-east-1',
    dynamodb: {
      ApproximateCreationDateTime: Math.floor(Date.now() / 1000),
      Keys: marshall({ pk: withKeys.pk, sk: withKeys.sk }, { removeUndefinedValues: true }),
      ...(eventName === 'REMOVE' ? { OldImage: dynamodbImage } : { NewImage: dynamodbImage }),
      SequenceNumber: String(Date.now()),
      SizeBytes: 300,
      StreamViewType: 'NEW_AND_OLD_IMAGES',
    },
    eventSourceARN: 'arn:aws:dynamodb:us-east-1:000000000000:table/test/stream/2026-01-01T00:00:00.000',
  });
}

export function sqsMessage(body: string, receiveCount = 1, messageId: string = randomUUID()): SQSRecord {
  return {
    messageId,
    receiptHandle: `rh-${messageId}`,
    body,
    attributes: {
      ApproximateReceiveCount: String(receiveCount),
      SentTimestamp: String(Date.now()),
      SenderId: 'pipe',
      ApproximateFirstReceiveTimestamp: String(Date.now()),
    },
    messageAttributes: {},
    md5OfBody: '',
    eventSource: 'aws:sqs',
    eventSourceARN: 'arn:aws:sqs:us-east-1:000000000000:geocode',
    awsRegion: 'us-east-1',
  };
}

export const sqsEvent = (...records: SQSRecord[]): SQSEvent => ({ Records: records });
