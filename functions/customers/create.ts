import { createCustomer } from '../../lib/customers/customers.js';
import { httpEndpoint } from '../../lib/http/endpoint.js';
import { createCustomerRoute } from '../../lib/routes/create-customer.js';

export const handler = httpEndpoint(createCustomerRoute, async ({ tenantId, body }) => {
  const customer = await createCustomer(tenantId, body);
  return {
    success: true,
    message: 'Customer created successfully',
    data: { customer_id: customer.customer_id, customer_name: customer.customer_name },
  };
});
