import { toStoredInstant } from '../customers/schema.js';
import { NotFoundError, ValidationError } from '../errors.js';
import type { CustomerRecord } from '../store/customer-store.js';
import { locationStore, type CustomerLocationState, type LocationChanges, type LocationRecord } from '../store/location-store.js';
import {
  addressFields,
  type CreateLocationInput,
  type ListLocationsQuery,
  type LocationObject,
  type UpdateLocationInput,
} from './schema.js';

/** The location object: seed 000's fields in its order, then the geocoding facts; never internals. */
export function toLocationObject(l: LocationRecord): LocationObject {
  return {
    location_id: l.location_id,
    location_name: l.location_name,
    address_street: l.address_street,
    address_city: l.address_city,
    address_state: l.address_state,
    address_zip: l.address_zip,
    latitude: l.latitude ?? null,
    longitude: l.longitude ?? null,
    is_primary: l.is_primary,
    created_at: l.created_at,
    updated_at: l.updated_at,
    geocode_status: l.geocode_status,
    geocode_precision: l.geocode_precision ?? null,
    geocode_source: l.geocode_source ?? null,
    geocoded_at: l.geocoded_at ?? null,
  };
}

/** Geocoding facts for coordinates the client sent itself: a manual pin the geocoder never overwrites. */
const manualPin = (latitude: number, longitude: number, at: string) =>
  ({ latitude, longitude, geocode_status: 'manual', geocode_precision: 'manual', geocode_source: 'client', geocoded_at: at }) as const;

/** Geocoding facts of an address nobody has geocoded yet: the table stream hands it to the geocoder. */
const awaitingGeocoder = {
  latitude: null,
  longitude: null,
  geocode_status: 'pending',
  geocode_precision: null,
  geocode_source: null,
  geocoded_at: null,
} as const;

/** Concurrent writes to one customer's locations retry on a fresh read; this bounds the retries. */
const maxAttempts = 10;

/** Jittered exponential pause before retrying a lost race, so a burst of writes to one customer spreads out. */
const backoff = (attempt: number) => new Promise((r) => setTimeout(r, Math.random() * Math.min(1000, 10 * 2 ** attempt)));

async function customerOrNotFound(tenantId: string, customerId: number): Promise<CustomerLocationState> {
  const customer = await locationStore.customerState(tenantId, customerId);
  if (!customer) throw new NotFoundError('Customer');
  return customer;
}

/** A location that is not there: say whether the customer or the location is unknown. */
async function locationNotFound(tenantId: string, customerId: number): Promise<never> {
  await customerOrNotFound(tenantId, customerId);
  throw new NotFoundError('Location');
}

function tooManyAttempts(what: string): Error {
  return new Error(`${what} kept changing under ${maxAttempts} write attempts`);
}

export async function createLocation(
  tenantId: string,
  customerId: number,
  input: CreateLocationInput,
  now = () => new Date(),
): Promise<LocationObject> {
  // Checked before allocating, so requests for unknown customers burn no ids.
  let customer = await customerOrNotFound(tenantId, customerId);
  const locationId = await locationStore.allocateId(tenantId);
  for (let attempt = 1; attempt <= maxAttempts; attempt++) {
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
      ...(input.latitude !== undefined && input.longitude !== undefined ? manualPin(input.latitude, input.longitude, at) : awaitingGeocoder),
      address_version: 1,
    };
    const demote = isPrimary && !first ? customer.primaryLocationId : undefined;
    if ((await locationStore.insert(record, customer, demote)) === 'ok') {
      if (first) await locationStore.adjustLocatedCustomers(tenantId, 1);
      return toLocationObject(record);
    }
    await backoff(attempt);
    customer = await customerOrNotFound(tenantId, customerId);
  }
  throw tooManyAttempts(`customer ${customerId}`);
}

export async function getLocation(tenantId: string, customerId: number, locationId: number): Promise<LocationObject> {
  const location = await locationStore.get(tenantId, customerId, locationId);
  if (!location) return locationNotFound(tenantId, customerId);
  return toLocationObject(location);
}

export interface LocationPage {
  items: LocationObject[];
  total: number;
}

/** A page of a customer's locations in id order; the total is the customer's location_count (no counting read). */
export async function listLocations(tenantId: string, customerId: number, q: ListLocationsQuery): Promise<LocationPage> {
  const customer = await locationStore.customerState(tenantId, customerId, false);
  if (!customer) throw new NotFoundError('Customer');
  const offset = (q.page - 1) * q.per_page;
  if (offset >= customer.locationCount) return { items: [], total: customer.locationCount };
  const items = await locationStore.page(tenantId, customerId, offset, q.per_page);
  return { items: items.map(toLocationObject), total: customer.locationCount };
}

const primaryFirst = (a: LocationRecord, b: LocationRecord) => Number(b.is_primary) - Number(a.is_primary) || a.location_id - b.location_id;

/** All of a customer's locations, primary first, then by id. */
export async function locationsOfCustomer(tenantId: string, customerId: number): Promise<LocationObject[]> {
  return (await locationStore.all(tenantId, customerId)).sort(primaryFirst).map(toLocationObject);
}

/**
 * GET customer with include=locations: the customer and all its locations
 * (primary first, then by id) from one Query of its item collection.
 */
export async function getCustomerWithLocations(
  tenantId: string,
  customerId: number,
): Promise<{ customer: CustomerRecord; locations: LocationObject[] }> {
  const { customer, locations } = await locationStore.collection(tenantId, customerId);
  if (!customer) throw new NotFoundError('Customer');
  return { customer: customer as unknown as CustomerRecord, locations: locations.sort(primaryFirst).map(toLocationObject) };
}

/** What an update changes, relative to the stored location; empty when the patch restates the current values. */
function changesOf(before: LocationRecord, patch: UpdateLocationInput, at: string): LocationChanges {
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
  if (patch.latitude !== undefined && patch.longitude !== undefined) {
    const samePin = before.geocode_status === 'manual' && before.latitude === patch.latitude && before.longitude === patch.longitude;
    if (!samePin || addressChanged) Object.assign(changes, manualPin(patch.latitude, patch.longitude, at));
  } else if (addressChanged) {
    // A new address invalidates any coordinates, a manual pin's included.
    Object.assign(changes, awaitingGeocoder);
  }
  if (patch.is_primary === true && !before.is_primary) changes.is_primary = true;
  if (Object.keys(changes).length > 0) changes.updated_at = at;
  return changes;
}

export async function updateLocation(
  tenantId: string,
  customerId: number,
  locationId: number,
  patch: UpdateLocationInput,
  now = () => new Date(),
): Promise<LocationObject> {
  for (let attempt = 1; attempt <= maxAttempts; attempt++) {
    const before = await locationStore.get(tenantId, customerId, locationId, true);
    if (!before) return locationNotFound(tenantId, customerId);
    if (patch.is_primary === false && before.is_primary) {
      throw new ValidationError('Invalid request: is_primary cannot be unset on the primary location', [
        { field: 'is_primary', issue: 'a customer always has one primary location; set is_primary: true on another location instead' },
      ]);
    }
    const changes = changesOf(before, patch, toStoredInstant(now()));
    if (Object.keys(changes).length === 0) return toLocationObject(before);
    let primaryMove: Parameters<typeof locationStore.update>[2];
    if (changes.is_primary) {
      const customer = await customerOrNotFound(tenantId, customerId);
      primaryMove = { customer, demote: customer.primaryLocationId };
    }
    const result = await locationStore.update(before, changes, primaryMove);
    if (result.outcome === 'ok') return toLocationObject(result.after);
    await backoff(attempt);
  }
  throw tooManyAttempts(`location ${locationId}`);
}

/** Deletes a location; deleting the primary promotes the lowest remaining id in the same transaction. */
export async function deleteLocation(tenantId: string, customerId: number, locationId: number, now = () => new Date()): Promise<void> {
  for (let attempt = 1; attempt <= maxAttempts; attempt++) {
    const customer = await customerOrNotFound(tenantId, customerId);
    const location = await locationStore.get(tenantId, customerId, locationId, true);
    if (!location) throw new NotFoundError('Location');
    let promote: number | undefined;
    if (location.is_primary && customer.locationCount > 1) {
      promote = (await locationStore.lowestIds(tenantId, customerId, 2)).find((id) => id !== locationId);
    }
    if ((await locationStore.remove(location, customer, promote, toStoredInstant(now()))) === 'ok') {
      if (customer.locationCount === 1) await locationStore.adjustLocatedCustomers(tenantId, -1);
      return;
    }
    await backoff(attempt);
  }
  throw tooManyAttempts(`customer ${customerId}`);
}
