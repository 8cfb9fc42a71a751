import { updateCustomer } from '../../lib/customers/customers.js';
import { httpBodyEndpoint } from '../../lib/http/body-endpoint.js';
import { updateCustomerRoute } from '../../lib/routes/update-customer.js';

export const handler = httpBodyEndpoint(updateCustomerRoute, async ({ tenantId, params, body }) => {
  const customer = await updateCustomer(tenantId, params.customerId, body);
  return {
    success: true,
    message: 'Customer updated successfully',
    data: { customer_id: customer.customer_id, customer_name: customer.customer_name, customer_number: customer.customer_number },
  };
});
