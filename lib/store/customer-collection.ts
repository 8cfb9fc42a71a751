import type { ContactRecord } from '../model/contact.js';
import { contactEntity, contactLimits } from '../model/contact.js';
import type { CustomerRecord } from '../model/customer.js';
import { customerLayout } from '../model/customer-layout.js';
import { locationEntity, type LocationRecord } from '../model/location.js';
import { isItemOf, recordOf } from './entity-items.js';
import { customerKeys } from './keys/customer-keys.js';
import { contactKeys } from './keys/contact-keys.js';
import { queryPages } from './query-pages.js';
import { withTagList } from './customer-tag-set.js';

/**
 * A customer's item collection sorts CONTACT#… < CONTACTS < CUSTOMER <
 * LOCATION#… < NOTE#… < NOTES, so a GET with include=contacts and/or
 * include=locations reads the customer and what it embeds in one Query over
 * one key range, bounded: at most 50 contacts (a customer holds no more) and
 * `maxLocations` locations. Notes are never in the range.
 */
export async function readCustomerCollection(
  tenantId: string,
  customerId: number,
  opts: { contacts: boolean; maxLocations: number },
): Promise<{ customer: CustomerRecord | undefined; contacts: ContactRecord[]; locations: LocationRecord[] }> {
  const customerSortKey = customerKeys.customer(tenantId, customerId).sk;
  // '$' follows '#': every LOCATION#… key sorts below LOCATION$.
  const from = opts.contacts ? contactKeys.prefix : customerSortKey;
  const to = opts.maxLocations > 0 ? 'LOCATION$' : customerSortKey;
  let customer: CustomerRecord | undefined;
  const contacts: ContactRecord[] = [];
  const locations: LocationRecord[] = [];
  await queryPages(
    {
      KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to',
      ExpressionAttributeValues: { ':pk': customerKeys.collection(tenantId, customerId), ':from': from, ':to': to },
    },
    (item) => {
      if (isItemOf(locationEntity, item)) locations.push(recordOf(item));
      else if (isItemOf(contactEntity, item)) contacts.push(recordOf(item));
      else if (isItemOf(customerLayout, item)) customer = withTagList(recordOf<CustomerRecord>(item));
    },
    // Contacts and their roster, the customer, then the locations: the Query stops there.
    (opts.contacts ? contactLimits.perCustomer + 1 : 0) + 1 + opts.maxLocations,
  );
  return { customer, contacts, locations };
}
