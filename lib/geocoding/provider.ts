/**
 * The geocoding provider interface and the choice of provider by
 * configuration. Providers know nothing of locations, tables or queues:
 * an address goes in, a position (or "no match") comes out.
 */

/** A US postal address as a location stores it. */
export interface GeocodeAddress {
  street: string;
  city: string;
  /** Two-letter USPS state code. */
  state: string;
  /** Five-digit ZIP code. */
  zip: string;
}

/** How exactly a position pins the address, coarsest last. */
export type GeocodePrecision = 'rooftop' | 'interpolated' | 'street' | 'postal_code' | 'locality';

export type GeocodeResult =
  | { kind: 'match'; lat: number; lng: number; precision: GeocodePrecision; source: string }
  | { kind: 'no_match' };

export interface GeocodingProvider {
  /** Recorded as `geocode_source` on the location. */
  readonly source: string;
  /** Resolves `no_match` when the provider answered but found nothing; throws GeocoderUnavailableError when it could not answer. */
  geocode(address: GeocodeAddress): Promise<GeocodeResult>;
}

/**
 * The provider could not answer. `retryable` says whether asking again later
 * may help (throttling, a 5xx, a network error) or not (a request the
 * provider rejects, missing permission): the worker retries only the former.
 */
export class GeocoderUnavailableError extends Error {
  constructor(
    message: string,
    readonly retryable: boolean,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'GeocoderUnavailableError';
  }
}

export const providerNames = ['offline', 'amazon-location'] as const;
export type ProviderName = (typeof providerNames)[number];

/** `GEOCODER` picks the provider; offline is the default so a laptop or a test needs no AWS account. */
export function providerNameFromEnv(env: NodeJS.ProcessEnv = process.env): ProviderName {
  const name = env.GEOCODER?.trim() || 'offline';
  if (!(providerNames as readonly string[]).includes(name)) {
    throw new Error(`GEOCODER=${name} is not a geocoding provider; use one of: ${providerNames.join(', ')}`);
  }
  return name as ProviderName;
}
