import { locationEntity } from '../model/location.js';

/**
 * Request and response schemas of the location endpoints (seed 000 "Customer
 * locations"). The bodies and the location object derive from the
 * declaration (lib/model/location.ts), built on import: for tests and tools.
 * Route modules take them from the entity when first used, so a function
 * builds only what it parses.
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

export { customerLocationsPathParams, locationPathParams } from './path-params.js';
