import * as z from 'zod/mini';
import '../zod-locale.js';
import { locationEntity } from '../model/location.js';
import { recordId } from '../model/record-ids.js';

/**
 * Request and response schemas of the location endpoints (seed 000 "Customer
 * locations"). The bodies and the location object derive from the
 * declaration (lib/model/location.ts); the path and query schemas are here.
 */

export {
  addressFields,
  geocodePrecisions,
  geocodeStatuses,
  usStateCodes,
  type AddressField,
  type CreateLocationInput,
  type GeocodePrecision,
  type GeocodeStatus,
  type LocationObject,
  type LocationPatch,
  type UpdateLocationInput,
  type UsStateCode,
} from '../model/location.js';

export const createLocationBody = locationEntity.createBody;
/**
 * A partial update. The read-only fields of the location object are
 * accepted too, so that a client can PUT back what GET returned; the
 * use-case checks them against the current location. Coordinates equal to
 * the current ones change nothing (see locations.ts).
 */
export const updateLocationBody = locationEntity.updateBody;
export const locationObject = locationEntity.object;

/** Malformed ids name no record, so they answer 404 like unknown ones (see validate-request). */
export const customerLocationsPathParams = z.strictObject({ customerId: recordId });
export const locationPathParams = z.strictObject({ customerId: recordId, locationId: recordId });
