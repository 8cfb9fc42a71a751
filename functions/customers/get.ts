import { getCustomer, toCustomerObject } from '../../lib/customers/customers.js';
import { getCustomerDetail } from '../../lib/customers/customer-detail.js';
import { embedsOf } from '../../lib/customers/get-query.js';
import { maxEmbeddedLocations } from '../../lib/customers/customer-detail-schema.js';
import { httpEndpoint } from '../../lib/http/endpoint.js';
import { getCustomerRoute } from '../../lib/routes/get-customer.js';

export const handler = httpEndpoint(getCustomerRoute, async ({ tenantId, params, query }) => {
  const embeds = embedsOf(query.include);
  if (embeds.locations || embeds.contacts) {
    const { customer, ...embedded } = await getCustomerDetail(tenantId, params.customerId, { ...embeds, maxLocations: maxEmbeddedLocations, includeDeleted: query.include_deleted });
    return { data: { ...toCustomerObject(customer), ...embedded } };
  }
  return { data: toCustomerObject(await getCustomer(tenantId, params.customerId, query.include_deleted)) };
});
