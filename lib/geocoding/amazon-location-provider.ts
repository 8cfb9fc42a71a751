import { GeocodeCommand, GeoPlacesClient, type GeocodeResultItem, type PlaceType } from '@aws-sdk/client-geo-places';
import { GeocoderUnavailableError, type GeocodeAddress, type GeocodePrecision, type GeocodeResult, type GeocodingProvider } from './provider.js';

/**
 * Precision of each Amazon Location place type. Types coarser than a town
 * (county, state, country) are deliberately absent: a technician cannot
 * drive to a state's centroid, so those answers count as no match.
 */
const precisionOf: Partial<Record<PlaceType, GeocodePrecision>> = {
  PointAddress: 'rooftop',
  SecondaryAddress: 'rooftop',
  InferredSecondaryAddress: 'rooftop',
  PointOfInterest: 'rooftop',
  InterpolatedAddress: 'interpolated',
  Street: 'street',
  Intersection: 'street',
  PostalCode: 'postal_code',
  Block: 'locality',
  SubBlock: 'locality',
  SubDistrict: 'locality',
  District: 'locality',
  Locality: 'locality',
};

/** The only place types asked for, so the provider never spends the single result on a coarser one. */
const wantedPlaceTypes = ['PointAddress', 'SecondaryAddress', 'InterpolatedAddress', 'Street', 'Intersection', 'PostalCode', 'Locality'] as const;

/** SDK errors worth retrying later: throttling, the service's own faults, and failures with no HTTP answer at all (network, timeout). */
function isRetryable(err: unknown): boolean {
  const e = err as { name?: string; $fault?: string; $retryable?: unknown; $metadata?: { httpStatusCode?: number } };
  if (e.name === 'ThrottlingException' || e.$retryable || e.$fault === 'server') return true;
  const status = e.$metadata?.httpStatusCode;
  return status === undefined || status === 429 || status >= 500;
}

/**
 * Amazon Location Service, Places API v2 `Geocode`. The structured address
 * goes as free text (the service parses it better than we would split a
 * street line into number and name), filtered to the United States.
 */
export class AmazonLocationProvider implements GeocodingProvider {
  readonly source = 'amazon-location';

  constructor(
    // The SDK's own retries stay short: SQS redelivery is the real retry, with backoff measured in minutes.
    private readonly client = new GeoPlacesClient({ maxAttempts: 2 }),
  ) {}

  async geocode(address: GeocodeAddress): Promise<GeocodeResult> {
    let items: GeocodeResultItem[];
    try {
      const out = await this.client.send(
        new GeocodeCommand({
          QueryText: `${address.street}, ${address.city}, ${address.state} ${address.zip}`,
          Filter: { IncludeCountries: ['USA'], IncludePlaceTypes: [...wantedPlaceTypes] },
          MaxResults: 1,
          // We keep the coordinates on the location, which the service's terms allow only for results requested for storage.
          IntendedUse: 'Storage',
        }),
      );
      items = out.ResultItems ?? [];
    } catch (err) {
      const retryable = isRetryable(err);
      throw new GeocoderUnavailableError(
        `Amazon Location Geocode failed (${retryable ? 'retryable' : 'not retryable'}): ${(err as Error).name}: ${(err as Error).message}`,
        retryable,
        { cause: err },
      );
    }
    const best = items[0];
    const precision = best?.PlaceType ? precisionOf[best.PlaceType] : undefined;
    // Position is GeoJSON order: [longitude, latitude].
    const [lng, lat] = best?.Position ?? [];
    if (!precision || lng === undefined || lat === undefined) return { kind: 'no_match' };
    return { kind: 'match', lat, lng, precision, source: this.source };
  }
}
