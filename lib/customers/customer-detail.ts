import { NotFoundError } from '../errors.js';
import { embeddedContacts } from '../contacts/contact-objects.js';
import { embeddedLocations } from '../locations/locations.js';
import type { ContactObject } from '../model/contact.js';
import type { CustomerRecord } from '../model/customer.js';
import type { LocationObject } from '../model/location.js';
import { readCustomerCollection } from '../store/customer-collection.js';

/**
 * GET customer with include=locations and/or include=contacts: the customer
 * and what it embeds from one Query of its item collection (one GetItem more
 * only when the primary location lies beyond the first `maxLocations`).
 */
export async function getCustomerDetail(
  tenantId: string,
  customerId: number,
  opts: { locations: boolean; contacts: boolean; maxLocations: number; includeDeleted?: boolean },
): Promise<{ customer: CustomerRecord; locations?: LocationObject[]; contacts?: ContactObject[] }> {
  const read = await readCustomerCollection(tenantId, customerId, { contacts: opts.contacts, maxLocations: opts.locations ? opts.maxLocations : 0 });
  const { customer } = read;
  if (!customer || (customer.deleted_at && !opts.includeDeleted)) throw new NotFoundError('Customer');
  return {
    customer,
    ...(opts.locations ? { locations: await embeddedLocations(customer, read.locations, opts.maxLocations) } : {}),
    ...(opts.contacts ? { contacts: embeddedContacts(read.contacts) } : {}),
  };
}
