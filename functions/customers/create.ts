import { createCustomer } from '../../lib/customers/customers.js';
import { httpEndpoint } from '../../lib/http/endpoint.js';
import { routes } from '../../lib/routes.js';

export const handler = httpEndpoint(routes.createCustomer, async ({ tenantId, body }) => {
  const customer = await createCustomer(tenantId, body);
  return {
    success: true,
    message: 'Customer created successfully',
    data: { customer_id: customer.customer_id, customer_name: customer.customer_name },
  };
});
