import { getCustomer, toCustomerObject } from '../../lib/customers/customers.js';
import { httpEndpoint } from '../../lib/http/endpoint.js';
import { routes } from '../../lib/routes.js';

export const handler = httpEndpoint(routes.getCustomer, async ({ tenantId, params, query }) => {
  const customer = await getCustomer(tenantId, params.customerId);
  return { data: { ...toCustomerObject(customer), ...(query.include === 'locations' ? { locations: [] } : {}) } };
});
