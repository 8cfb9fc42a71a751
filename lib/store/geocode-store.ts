import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { store } from './client.js';
import { locationKeys } from './keys/location-keys.js';

/** The geocoding facts the geocoder writes onto a location. */
export interface GeocodeFacts {
  geocode_status: 'geocoded' | 'not_found' | 'failed';
  latitude: number | null;
  longitude: number | null;
  geocode_precision: string | null;
  geocode_source: string | null;
  geocoded_at: string | null;
}

export const geocodeStore = {
  /**
   * Writes a geocoding answer with ONE conditional UpdateItem: only while the
   * location still has the address version that was geocoded and is still
   * pending. A slow answer for an old address, a manual pin, a deleted
   * location or a duplicate message therefore changes nothing ('stale').
   */
  async writeIfStillPending(
    location: { tenantId: string; customerId: number; locationId: number },
    seenAddressVersion: number,
    facts: GeocodeFacts,
  ): Promise<'written' | 'stale'> {
    const { doc, tableName } = store();
    try {
      await doc.send(
        new UpdateCommand({
          TableName: tableName,
          Key: locationKeys.location(location.tenantId, location.customerId, location.locationId),
          UpdateExpression:
            'SET geocode_status = :status, latitude = :lat, longitude = :lng, geocode_precision = :precision, geocode_source = :source, geocoded_at = :at',
          ConditionExpression: 'address_version = :seen AND geocode_status = :pending',
          ExpressionAttributeValues: {
            ':status': facts.geocode_status,
            ':lat': facts.latitude,
            ':lng': facts.longitude,
            ':precision': facts.geocode_precision,
            ':source': facts.geocode_source,
            ':at': facts.geocoded_at,
            ':seen': seenAddressVersion,
            ':pending': 'pending',
          },
        }),
      );
      return 'written';
    } catch (err) {
      if (err instanceof ConditionalCheckFailedException) return 'stale';
      throw err;
    }
  },
};
