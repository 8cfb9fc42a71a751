import { providerNameFromEnv, type GeocodingProvider, type ProviderName } from './provider.js';

/**
 * Builds the configured provider. Each provider module is imported only when
 * chosen, so a function configured for Amazon Location never evaluates the
 * ZIP table and the offline one never builds an SDK client.
 */
export async function createProvider(name: ProviderName = providerNameFromEnv()): Promise<GeocodingProvider> {
  switch (name) {
    case 'offline': {
      const { OfflineZipProvider } = await import('./offline-provider.js');
      return new OfflineZipProvider();
    }
    case 'amazon-location': {
      const { AmazonLocationProvider } = await import('./amazon-location-provider.js');
      return new AmazonLocationProvider();
    }
  }
}
