import { purgeCustomer, trashCustomer } from '../../lib/customers/lifecycle.js';
import { httpEndpoint } from '../../lib/http/endpoint.js';
import { deleteCustomerRoute } from '../../lib/routes/delete-customer.js';

export const handler = httpEndpoint(deleteCustomerRoute, async ({ tenantId, params, query }) => {
  if (query.purge) {
    await purgeCustomer(tenantId, params.customerId);
    return { success: true, message: 'Customer erased permanently' };
  }
  await trashCustomer(tenantId, params.customerId);
  return { success: true, message: 'Customer moved to trash' };
});
