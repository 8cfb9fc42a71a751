import { toStoredInstant } from '../instants.js';
import { NotFoundError, ServiceUnavailableError, ValidationError } from '../errors.js';
import { provisionalCoordinate, stateCoordinate } from '../geocoding/provisional-coordinate.js';
import { toStoredCoordinate } from '../geocoding/stored-coordinate.js';
import { retryAgain, retryProfiles, withRetries } from '../retry-policy.js';
import type { CustomerRecord } from '../model/customer.js';
import {
  addressFields,
  locationEntity,
  type CreateLocationInput,
  type LocationObject,
  type LocationPatch,
  type LocationRecord,
  type UpdateLocationInput,
} from '../model/location.js';
import { type CustomerLocationState, type LocationChanges, locationListing, locationReads, locationCreates, locationDeletes, locationUpdates } from '../store/location-store.js';
import type { ListLocationsQuery } from './list-query.js';

/**
 * A location as read from the table. Records written before coordinates were
 * never null (pending, not_found and failed ones) hold nulls here.
 */
type StoredLocation = Omit<LocationRecord, 'latitude' | 'longitude' | 'geocode_precision' | 'geocode_source'> & {
  latitude: number | null;
  longitude: number | null;
  geocode_precision: LocationRecord['geocode_precision'] | null;
  geocode_source: string | null;
};

/**
 * The coordinate facts a location shows. A record without coordinates (from
 * before they were never null) shows its state's centroid, computed on read
 * from a small table, so old records serialize like new ones.
 */
function coordinateFactsOf(l: StoredLocation) {
  if (l.latitude !== null && l.latitude !== undefined && l.longitude !== null && l.longitude !== undefined && l.geocode_precision && l.geocode_source) {
    return { latitude: l.latitude, longitude: l.longitude, geocode_precision: l.geocode_precision, geocode_source: l.geocode_source };
  }
  return stateCoordinate(l.address_state);
}

/** The location object: seed 000's fields in its order, then the geocoding facts; never internals. */
export function toLocationObject(l: StoredLocation): LocationObject {
  return locationEntity.toApiObject({ ...l, ...coordinateFactsOf(l) });
}

/** Geocoding facts for coordinates the client sent itself: a manual pin the geocoder never overwrites. */
const manualPin = (latitude: number, longitude: number, at: string) =>
  ({
    latitude: toStoredCoordinate(latitude),
    longitude: toStoredCoordinate(longitude),
    geocode_status: 'manual',
    geocode_precision: 'manual',
    geocode_source: 'client',
    geocoded_at: at,
  }) as const;

/**
 * Geocoding facts of an address nobody has geocoded yet: `pending`, so the
 * table stream hands it to the geocoder, and meanwhile the best coordinate
 * known without a network call (ZIP or state centroid), which the geocoder
 * then overwrites. Coordinates are never null.
 */
const awaitingGeocoder = (address: { address_state: string; address_zip: string }) =>
  ({
    ...provisionalCoordinate({ state: address.address_state, zip: address.address_zip }),
    geocode_status: 'pending',
    geocoded_at: null,
  }) as const;

/**
 * Concurrent writes to one customer's locations retry on a fresh read under
 * the one retry policy; a customer or location that keeps changing under
 * every attempt is a transient condition, not a bug: 503, retry later.
 */
const retryingLostRaces = <T>(attempt: (n: number) => Promise<T | typeof retryAgain>) =>
  withRetries(retryProfiles.optimisticWrite, attempt, () => new ServiceUnavailableError());

async function customerOrNotFound(tenantId: string, customerId: number): Promise<CustomerLocationState> {
  const customer = await locationReads.customerState(tenantId, customerId);
  if (!customer) throw new NotFoundError('Customer');
  return customer;
}

/** A location that is not there: say whether the customer or the location is unknown. */
async function locationNotFound(tenantId: string, customerId: number): Promise<never> {
  await customerOrNotFound(tenantId, customerId);
  throw new NotFoundError('Location');
}

export async function createLocation(
  tenantId: string,
  customerId: number,
  input: CreateLocationInput,
  now = () => new Date(),
): Promise<LocationObject> {
  // Checked before allocating, so requests for unknown customers burn no ids.
  let customer = await customerOrNotFound(tenantId, customerId);
  const locationId = await locationCreates.allocateId(tenantId);
  return retryingLostRaces(async (attempt) => {
    if (attempt > 1) customer = await customerOrNotFound(tenantId, customerId);
    const at = toStoredInstant(now());
    const first = customer.locationCount === 0;
    const isPrimary = first || input.is_primary === true;
    const record: LocationRecord = {
      tenant_id: tenantId,
      customer_id: customerId,
      location_id: locationId,
      location_name: input.location_name,
      address_street: input.address_street,
      address_city: input.address_city,
      address_state: input.address_state,
      address_zip: input.address_zip,
      is_primary: isPrimary,
      created_at: at,
      updated_at: at,
      ...(input.latitude !== undefined && input.longitude !== undefined ? manualPin(input.latitude, input.longitude, at) : awaitingGeocoder(input)),
      address_version: 1,
    };
    const demote = isPrimary && !first ? customer.primaryLocationId : undefined;
    return (await locationCreates.insert(record, customer, demote)) === 'ok' ? toLocationObject(record) : retryAgain;
  });
}

export async function getLocation(tenantId: string, customerId: number, locationId: number): Promise<LocationObject> {
  // In parallel: a trashed customer's locations answer 404 like the customer.
  const [location, customer] = await Promise.all([locationReads.get(tenantId, customerId, locationId), locationReads.customerState(tenantId, customerId, false)]);
  if (!customer) throw new NotFoundError('Customer');
  if (!location) throw new NotFoundError('Location');
  return toLocationObject(location);
}

export interface LocationPage {
  items: LocationObject[];
  total: number;
}

/** A page of a customer's locations in id order; the total is the customer's location_count (no counting read). */
export async function listLocations(tenantId: string, customerId: number, q: ListLocationsQuery): Promise<LocationPage> {
  const customer = await locationReads.customerState(tenantId, customerId, false);
  if (!customer) throw new NotFoundError('Customer');
  const offset = (q.page - 1) * q.per_page;
  if (offset >= customer.locationCount) return { items: [], total: customer.locationCount };
  const items = await locationListing.page(tenantId, customerId, offset, q.per_page);
  return { items: items.map(toLocationObject), total: customer.locationCount };
}

const primaryFirst = (a: LocationRecord, b: LocationRecord) => Number(b.is_primary) - Number(a.is_primary) || a.location_id - b.location_id;

/** All of a customer's locations, primary first, then by id. */
export async function locationsOfCustomer(tenantId: string, customerId: number): Promise<LocationObject[]> {
  return (await locationListing.all(tenantId, customerId)).sort(primaryFirst).map(toLocationObject);
}

/**
 * What include=locations embeds, from the customer's first `max` locations in
 * id order (read with the customer in one Query): primary first, then by id.
 * When the primary lies beyond them, one GetItem more fetches it. The rest
 * are paged with listLocations.
 */
export async function embeddedLocations(customer: CustomerRecord, firstLocations: LocationRecord[], max: number): Promise<LocationObject[]> {
  const primaryId = customer.primary_location_id;
  let embedded = firstLocations.slice(0, max);
  if (primaryId !== undefined && !embedded.some((l) => l.location_id === primaryId)) {
    const primary = await locationReads.get(customer.tenant_id, customer.customer_id, primaryId);
    if (primary) embedded = [primary, ...embedded.slice(0, max - 1)];
  }
  return embedded.sort(primaryFirst).map(toLocationObject);
}

/**
 * What an update changes, relative to the stored location; empty when the
 * patch restates the current values. Coordinates equal to the ones the
 * location shows are a restatement too (a GET's object sent back), unless
 * they pin it manually already: then they keep pinning a changed address.
 */
function changesOf(before: StoredLocation, shown: LocationObject, patch: LocationPatch, at: string): LocationChanges {
  const changes: LocationChanges = {};
  if (patch.location_name !== undefined && patch.location_name !== before.location_name) changes.location_name = patch.location_name;
  let addressChanged = false;
  for (const field of addressFields) {
    const value = patch[field];
    if (value !== undefined && value !== before[field]) {
      changes[field] = value;
      addressChanged = true;
    }
  }
  if (addressChanged) changes.address_version = before.address_version + 1;
  const sent = patch.latitude !== undefined && patch.longitude !== undefined ? manualPin(patch.latitude, patch.longitude, at) : undefined;
  const restated = sent !== undefined && sent.latitude === shown.latitude && sent.longitude === shown.longitude;
  const pinned = before.geocode_status === 'manual';
  if (sent && (!restated || (pinned && addressChanged))) {
    Object.assign(changes, sent);
  } else if (addressChanged) {
    // A new address invalidates any coordinates, a manual pin's included.
    Object.assign(changes, awaitingGeocoder({ address_state: patch.address_state ?? before.address_state, address_zip: patch.address_zip ?? before.address_zip }));
  }
  if (patch.is_primary === true && !before.is_primary) changes.is_primary = true;
  if (Object.keys(changes).length > 0) changes.updated_at = at;
  return changes;
}

export async function updateLocation(
  tenantId: string,
  customerId: number,
  locationId: number,
  body: UpdateLocationInput,
  now = () => new Date(),
): Promise<LocationObject> {
  const patch: LocationPatch = locationEntity.writableOf(body);
  return retryingLostRaces(async () => {
    const [before, customer] = await Promise.all([locationReads.get(tenantId, customerId, locationId, true), locationReads.customerState(tenantId, customerId)]);
    if (!customer) throw new NotFoundError('Customer');
    if (!before) throw new NotFoundError('Location');
    const shown = toLocationObject(before);
    locationEntity.assertReadOnlyUnchanged(body, shown);
    if (patch.is_primary === false && before.is_primary) {
      throw new ValidationError('Invalid request: is_primary cannot be unset on the primary location', [
        { field: 'is_primary', issue: 'a customer always has one primary location; set is_primary: true on another location instead' },
      ]);
    }
    const changes = changesOf(before, shown, patch, toStoredInstant(now()));
    if (Object.keys(changes).length === 0) return shown;
    const primaryMove: Parameters<typeof locationUpdates.update>[2] = changes.is_primary ? { customer, demote: customer.primaryLocationId } : undefined;
    // The store's record type predates null-free coordinates; it writes `before` only as conditions and the merged answer.
    const result = await locationUpdates.update(before as LocationRecord, changes, primaryMove);
    return result.outcome === 'ok' ? toLocationObject(result.after) : retryAgain;
  });
}

/** Deletes a location; deleting the primary promotes the lowest remaining id in the same transaction. */
export async function deleteLocation(tenantId: string, customerId: number, locationId: number, now = () => new Date()): Promise<void> {
  await retryingLostRaces(async () => {
    const customer = await customerOrNotFound(tenantId, customerId);
    const location = await locationReads.get(tenantId, customerId, locationId, true);
    if (!location) throw new NotFoundError('Location');
    let promote: number | undefined;
    if (location.is_primary && customer.locationCount > 1) {
      promote = (await locationReads.lowestIds(tenantId, customerId, 2)).find((id) => id !== locationId);
    }
    return (await locationDeletes.remove(location, customer, promote, toStoredInstant(now()))) === 'ok' ? undefined : retryAgain;
  });
}
