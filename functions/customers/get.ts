import { getCustomer, toCustomerObject } from '../../lib/customers/customers.js';
import { maxEmbeddedLocations } from '../../lib/customers/customer-detail-schema.js';
import { httpEndpoint } from '../../lib/http/endpoint.js';
import { getCustomerWithLocations } from '../../lib/locations/locations.js';
import { getCustomerRoute } from '../../lib/routes/get-customer.js';

export const handler = httpEndpoint(getCustomerRoute, async ({ tenantId, params, query }) => {
  if (query.include === 'locations') {
    const { customer, locations } = await getCustomerWithLocations(tenantId, params.customerId, maxEmbeddedLocations, query.include_deleted);
    return { data: { ...toCustomerObject(customer), locations } };
  }
  return { data: toCustomerObject(await getCustomer(tenantId, params.customerId, query.include_deleted)) };
});
