import { GeocodeCommand, GeoPlacesClient, ThrottlingException } from '@aws-sdk/client-geo-places';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { AmazonLocationProvider } from '../../lib/geocoding/amazon-location-provider.js';
import { geocodeQueueHandler } from '../../lib/sqs/geocode-queue-handler.js';
import { startLocalPipeline, type LocalPipeline } from '../../lib/local/pipeline.js';
import { startStreamReader, type StreamReader, type StreamRecord } from '../../lib/local/stream-reader.js';
import type { Store } from '../../lib/store/client.js';
import { useFreshTable } from '../support/fresh-table.js';
import { dallasZipCentroid, pendingLocation, putLocation, readLocation } from '../support/geocoding-fixtures.js';
import { eventually } from '../support/eventually.js';

let store: Store;
beforeAll(async () => {
  store = await useFreshTable('pipeline');
});

const quiet = () => undefined;

describe('local geocoding pipeline, default worker and offline provider', () => {
  let pipeline: LocalPipeline;
  beforeAll(async () => {
    pipeline = await startLocalPipeline({ log: quiet });
  });
  afterAll(() => pipeline.stop());

  it('turns a pending location with its provisional coordinate into a geocoded one at its ZIP centroid', async () => {
    const loc = pendingLocation();
    expect(loc).toMatchObject(dallasZipCentroid);
    await putLocation(store, loc);
    const done = await eventually(() => readLocation(store, loc), (l) => l.geocode_status !== 'pending');
    // The filter selected it although it has coordinates, and the worker overwrote them with the provider's.
    expect(done).toMatchObject({ geocode_status: 'geocoded', geocode_precision: 'postal_code', geocode_source: 'us-zip-centroids', latitude: 32.788309, longitude: -96.799572 });
  });

  it('re-geocodes after an address change, and only hands the worker records the filter selects', async () => {
    const loc = pendingLocation();
    await putLocation(store, loc);
    await eventually(() => readLocation(store, loc), (l) => l.geocode_status === 'geocoded');
    await store.doc.send(new PutCommand({ TableName: store.tableName, Item: { pk: 'T#acme#C#999', sk: 'CUSTOMER', entity: 'customer', customer_id: 999 } }));
    await putLocation(store, { ...loc, address_city: 'Austin', address_zip: '78701', address_version: 2 });
    const moved = await eventually(() => readLocation(store, loc), (l) => l.geocode_status === 'geocoded' && l.address_version === 2);
    expect(moved.latitude).toBeCloseTo(30.27, 1);
    const stats = pipeline.stats();
    expect(stats.recordsRead).toBeGreaterThan(stats.recordsSelected); // the geocoder's own writes and the customer were filtered out
    expect(pipeline.deadLetters()).toEqual([]);
  });
});

describe('local geocoding pipeline, failing provider', () => {
  const geo = mockClient(GeoPlacesClient);
  let pipeline: LocalPipeline;
  let logged: string[] = [];
  beforeAll(async () => {
    geo.on(GeocodeCommand).rejects(new ThrottlingException({ message: 'Rate exceeded', Message: 'Rate exceeded', $metadata: { httpStatusCode: 429 } }));
    const maxReceives = 3;
    pipeline = await startLocalPipeline({
      startingPosition: 'LATEST',
      maxReceives,
      retryBackoffMs: { base: 20, max: 100 },
      handler: geocodeQueueHandler({
        provider: async () => new AmazonLocationProvider(new GeoPlacesClient({ region: 'us-east-1', credentials: { accessKeyId: 'x', secretAccessKey: 'x' } })),
        maxReceives,
      }),
      log: (_level, line) => logged.push(line),
    });
  });
  afterAll(async () => {
    await pipeline.stop();
    geo.restore();
  });
  afterEach(() => {
    logged = [];
  });

  it('retries, then ends the location failed and the message on the dead-letter list', async () => {
    const loc = pendingLocation();
    await putLocation(store, loc);
    const failed = await eventually(() => readLocation(store, loc), (l) => l.geocode_status === 'failed');
    expect(failed).toMatchObject({ geocoded_at: null, ...dallasZipCentroid }); // the provisional coordinate stays
    const letters = await eventually(async () => pipeline.deadLetters(), (d) => d.length === 1);
    expect(letters[0]!.receiveCount).toBe(3);
    expect(JSON.parse(letters[0]!.body).dynamodb.NewImage.location_id).toEqual({ N: String(loc.location_id) });
    expect(geo.commandCalls(GeocodeCommand)).toHaveLength(3);
    expect(logged.some((l) => l.includes('dead-letter list'))).toBe(true);
  });

  it('dead-letters a malformed record without holding up the good ones', async () => {
    const { address_zip: _zip, ...broken } = pendingLocation();
    geo.reset();
    geo.on(GeocodeCommand).resolves({ PricingBucket: 'Core', ResultItems: [{ PlaceId: 'p', PlaceType: 'PointAddress', Title: 't', Position: [-96.797, 32.7767] }] });
    await putLocation(store, broken as never);
    const good = pendingLocation();
    await putLocation(store, good);
    expect(await eventually(() => readLocation(store, good), (l) => l.geocode_status !== 'pending')).toMatchObject({ geocode_status: 'geocoded', latitude: 32.7767 });
    const letters = await eventually(async () => pipeline.deadLetters(), (d) => d.length === 2);
    expect(JSON.parse(letters[1]!.body).dynamodb.NewImage.location_id).toEqual({ N: String(broken.location_id) });
  });
});

describe('a second consumer on the stream reader the pipeline uses', () => {
  let reader: StreamReader;
  let pipeline: LocalPipeline;
  const seen: StreamRecord[] = [];
  const entityOf = (r: StreamRecord) => (r.dynamodb?.NewImage ?? r.dynamodb?.OldImage)?.entity?.S;
  const ofLocation = (id: number) => seen.filter((r) => (r.dynamodb?.NewImage ?? r.dynamodb?.OldImage)?.location_id?.N === String(id));
  const statuses = (records: StreamRecord[]) => records.map((r) => `${r.eventName} ${r.dynamodb?.NewImage?.geocode_status?.S} v${r.dynamodb?.NewImage?.address_version?.N}`);

  beforeAll(async () => {
    reader = await startStreamReader({ startingPosition: 'LATEST', pollIntervalMs: 50, log: quiet });
    // A recording consumer with its own filter (every location change, as a change feed would take), beside the geocoding one.
    reader.subscribe({ name: 'recorder', filter: (r) => entityOf(r) === 'location', deliver: (records) => void seen.push(...records) });
    pipeline = await startLocalPipeline({ streamReader: reader, log: quiet });
  });
  afterAll(async () => {
    await pipeline.stop();
    await reader.stop();
  });

  it('sees every change of a location in stream order, the geocoder\'s own writes included, while geocoding goes on', async () => {
    const loc = pendingLocation();
    await putLocation(store, loc);
    await eventually(() => readLocation(store, loc), (l) => l.geocode_status === 'geocoded');
    await store.doc.send(new PutCommand({ TableName: store.tableName, Item: { pk: 'T#acme#C#998', sk: 'CUSTOMER', entity: 'customer', customer_id: 998 } }));
    await putLocation(store, { ...loc, address_city: 'Austin', address_zip: '78701', address_version: 2 });
    await eventually(() => readLocation(store, loc), (l) => l.geocode_status === 'geocoded' && l.address_version === 2);
    const changes = await eventually(async () => ofLocation(loc.location_id), (r) => r.length >= 4);
    expect(statuses(changes)).toEqual(['INSERT pending v1', 'MODIFY geocoded v1', 'MODIFY pending v2', 'MODIFY geocoded v2']);
    const sequence = changes.map((r) => BigInt(r.dynamodb!.SequenceNumber!));
    expect(sequence).toEqual([...sequence].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
    expect(seen.every((r) => entityOf(r) === 'location')).toBe(true); // its filter, not the geocoder's
    expect(pipeline.stats()).toMatchObject({ recordsSelected: 2, succeeded: 2 });
  });

  it('keeps the shared reader running for the other consumer when the pipeline stops', async () => {
    await pipeline.stop();
    const loc = pendingLocation();
    await putLocation(store, loc);
    expect(statuses(await eventually(async () => ofLocation(loc.location_id), (r) => r.length >= 1))).toEqual(['INSERT pending v1']);
    expect((await readLocation(store, loc)).geocode_status).toBe('pending'); // nobody geocodes it now
  });
});
