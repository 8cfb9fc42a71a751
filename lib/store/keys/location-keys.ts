import { locationEntity } from '../../model/location.js';
import { lastIdOf, primaryKeyOf, sortKeyPrefixOf } from '../entity-items.js';

/** Keys of a location, derived from its declaration (lib/model/location.ts). */

export const locationKeys = {
  location: (tenantId: string, customerId: number, locationId: number) =>
    primaryKeyOf(locationEntity, { tenant_id: tenantId, customer_id: customerId, location_id: locationId }),
  /** Every location sort key starts so; the customer item's does not. */
  prefix: sortKeyPrefixOf(locationEntity, 'primary'),
  idFromSortKey: (sk: string) => lastIdOf(locationEntity, 'primary', 'sk', sk),
};
