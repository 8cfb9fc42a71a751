import { getCustomer, toCustomerObject } from '../../lib/customers/customers.js';
import { httpEndpoint } from '../../lib/http/endpoint.js';
import { locationsOfCustomer } from '../../lib/locations/locations.js';
import { routes } from '../../lib/routes.js';

export const handler = httpEndpoint(routes.getCustomer, async ({ tenantId, params, query }) => {
  // In parallel: the locations query of an unknown customer finds nothing, and getCustomer's 404 wins.
  const [customer, locations] = await Promise.all([
    getCustomer(tenantId, params.customerId),
    query.include === 'locations' ? locationsOfCustomer(tenantId, params.customerId) : undefined,
  ]);
  return { data: { ...toCustomerObject(customer), ...(locations ? { locations } : {}) } };
});
