import { GeocodeCommand, GeoPlacesClient, InternalServerException, ThrottlingException, ValidationException } from '@aws-sdk/client-geo-places';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { AmazonLocationProvider } from '../../lib/geocoding/amazon-location-provider.js';
import { OfflineZipProvider } from '../../lib/geocoding/offline-provider.js';
import { createProvider } from '../../lib/geocoding/create-provider.js';
import { GeocoderUnavailableError, providerNameFromEnv, type GeocodeAddress } from '../../lib/geocoding/provider.js';

const dallas: GeocodeAddress = { street: '456 Health Park Dr', city: 'Dallas', state: 'TX', zip: '75201' };

describe('offline ZIP-centroid provider', () => {
  const provider = new OfflineZipProvider();

  it('answers Dallas 75201 near 32.79, -96.80 at postal-code precision', async () => {
    const r = await provider.geocode(dallas);
    expect(r).toMatchObject({ kind: 'match', precision: 'postal_code', source: 'us-zip-centroids' });
    if (r.kind !== 'match') throw new Error('expected a match');
    expect(r.lat).toBeCloseTo(32.79, 1);
    expect(r.lng).toBeCloseTo(-96.8, 1);
  });

  it('answers other ZIPs with their own centroid (Austin 78701, New York 10001)', async () => {
    const austin = await provider.geocode({ ...dallas, city: 'Austin', zip: '78701' });
    const ny = await provider.geocode({ ...dallas, city: 'New York', state: 'NY', zip: '10001' });
    expect(austin).toMatchObject({ kind: 'match' });
    expect(ny).toMatchObject({ kind: 'match' });
    if (austin.kind !== 'match' || ny.kind !== 'match') throw new Error('expected matches');
    expect(austin.lat).toBeCloseTo(30.27, 1);
    expect(austin.lng).toBeCloseTo(-97.74, 1);
    expect(ny.lat).toBeCloseTo(40.75, 1);
    expect(ny.lng).toBeCloseTo(-74.0, 1);
  });

  it('answers no_match for a ZIP that is no ZIP area, and for inherited property names', async () => {
    expect(await provider.geocode({ ...dallas, zip: '00000' })).toEqual({ kind: 'no_match' });
    expect(await provider.geocode({ ...dallas, zip: '99999' })).toEqual({ kind: 'no_match' });
    expect(await provider.geocode({ ...dallas, zip: 'toStr' })).toEqual({ kind: 'no_match' });
  });
});

describe('Amazon Location provider (SDK faked at the client boundary)', () => {
  const geo = mockClient(GeoPlacesClient);
  afterEach(() => geo.reset());
  const provider = () => new AmazonLocationProvider(new GeoPlacesClient({ region: 'us-east-1', credentials: { accessKeyId: 'x', secretAccessKey: 'x' } }));

  it('sends the address filtered to the US for storage, and reads Position as [lng, lat]', async () => {
    geo.on(GeocodeCommand).resolves({
      PricingBucket: 'Core',
      ResultItems: [{ PlaceId: 'p1', PlaceType: 'PointAddress', Title: '456 Health Park Dr', Position: [-96.7970, 32.7767] }],
    });
    const r = await provider().geocode(dallas);
    expect(r).toEqual({ kind: 'match', lat: 32.7767, lng: -96.797, precision: 'rooftop', source: 'amazon-location' });
    const input = geo.commandCalls(GeocodeCommand)[0]!.args[0].input;
    expect(input.QueryText).toBe('456 Health Park Dr, Dallas, TX 75201');
    expect(input.Filter?.IncludeCountries).toEqual(['USA']);
    expect(input.MaxResults).toBe(1);
    expect(input.IntendedUse).toBe('Storage');
  });

  it.each([
    ['PointAddress', 'rooftop'],
    ['SecondaryAddress', 'rooftop'],
    ['InterpolatedAddress', 'interpolated'],
    ['Street', 'street'],
    ['Intersection', 'street'],
    ['PostalCode', 'postal_code'],
    ['Locality', 'locality'],
  ] as const)('maps place type %s to precision %s', async (PlaceType, precision) => {
    geo.on(GeocodeCommand).resolves({ PricingBucket: 'Core', ResultItems: [{ PlaceId: 'p', PlaceType, Title: 't', Position: [-97.7431, 30.2672] }] });
    expect(await provider().geocode(dallas)).toMatchObject({ kind: 'match', precision, lat: 30.2672, lng: -97.7431 });
  });

  it('answers no_match when there is no result, or only one coarser than a town', async () => {
    geo
      .on(GeocodeCommand)
      .resolvesOnce({ PricingBucket: 'Core', ResultItems: [] })
      .resolvesOnce({ PricingBucket: 'Core' })
      .resolvesOnce({ PricingBucket: 'Core', ResultItems: [{ PlaceId: 'p', PlaceType: 'Region', Title: 'Texas', Position: [-99, 31] }] });
    expect(await provider().geocode(dallas)).toEqual({ kind: 'no_match' });
    expect(await provider().geocode(dallas)).toEqual({ kind: 'no_match' });
    expect(await provider().geocode(dallas)).toEqual({ kind: 'no_match' });
    expect(geo.commandCalls(GeocodeCommand)).toHaveLength(3);
  });

  it('turns throttling and server faults into a retryable error', async () => {
    geo.on(GeocodeCommand).rejects(new ThrottlingException({ message: 'Rate exceeded', Message: 'Rate exceeded', $metadata: { httpStatusCode: 429 } }));
    const throttled = await provider().geocode(dallas).catch((e: unknown) => e);
    expect(throttled).toBeInstanceOf(GeocoderUnavailableError);
    expect((throttled as GeocoderUnavailableError).retryable).toBe(true);

    geo.reset();
    geo.on(GeocodeCommand).rejects(new InternalServerException({ message: 'boom', Message: 'boom', $metadata: { httpStatusCode: 500 } }));
    const fault = await provider().geocode(dallas).catch((e: unknown) => e);
    expect(fault).toMatchObject({ name: 'GeocoderUnavailableError', retryable: true });

    geo.reset();
    geo.on(GeocodeCommand).rejects(Object.assign(new Error('socket hang up'), { name: 'TimeoutError' }));
    expect(await provider().geocode(dallas).catch((e: unknown) => e)).toMatchObject({ retryable: true });
  });

  it('turns a rejected request into a non-retryable error', async () => {
    geo.on(GeocodeCommand).rejects(new ValidationException({ message: 'bad', Message: 'bad', Reason: 'Other', FieldList: [], $metadata: { httpStatusCode: 400 } }));
    expect(await provider().geocode(dallas).catch((e: unknown) => e)).toMatchObject({ name: 'GeocoderUnavailableError', retryable: false });
  });
});

describe('provider choice', () => {
  it('defaults to offline and accepts amazon-location', async () => {
    expect(providerNameFromEnv({})).toBe('offline');
    expect(providerNameFromEnv({ GEOCODER: 'amazon-location' })).toBe('amazon-location');
    expect((await createProvider('offline')).source).toBe('us-zip-centroids');
    expect((await createProvider('amazon-location')).source).toBe('amazon-location');
  });

  it('refuses an unknown provider name, naming the variable', () => {
    expect(() => providerNameFromEnv({ GEOCODER: 'google' })).toThrow(/GEOCODER=google/);
  });
});
