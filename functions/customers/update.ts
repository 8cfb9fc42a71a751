import { updateCustomer } from '../../lib/customers/customers.js';
import { httpEndpoint } from '../../lib/http/endpoint.js';
import { routes } from '../../lib/routes.js';

export const handler = httpEndpoint(routes.updateCustomer, async ({ tenantId, params, body }) => {
  const customer = await updateCustomer(tenantId, params.customerId, body);
  return {
    success: true,
    message: 'Customer updated successfully',
    data: { customer_id: customer.customer_id, customer_name: customer.customer_name },
  };
});
