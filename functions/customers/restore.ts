import { restoreCustomer } from '../../lib/customers/lifecycle.js';
import { httpEndpoint } from '../../lib/http/endpoint.js';
import { restoreCustomerRoute } from '../../lib/routes/restore-customer.js';

export const handler = httpEndpoint(restoreCustomerRoute, async ({ tenantId, params }) => ({
  success: true,
  message: 'Customer restored successfully',
  data: await restoreCustomer(tenantId, params.customerId),
}));
