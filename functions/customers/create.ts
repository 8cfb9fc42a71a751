import { createCustomer } from '../../lib/customers/customers.js';
import { httpBodyEndpoint } from '../../lib/http/body-endpoint.js';
import { createCustomerRoute } from '../../lib/routes/create-customer.js';

export const handler = httpBodyEndpoint(createCustomerRoute, async ({ tenantId, body }) => {
  const customer = await createCustomer(tenantId, body);
  return {
    success: true,
    message: 'Customer created successfully',
    data: { customer_id: customer.customer_id, customer_name: customer.customer_name, customer_number: customer.customer_number },
  };
});
