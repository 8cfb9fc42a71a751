import { setCustomerStatuses } from '../../lib/customers/lifecycle.js';
import { httpBodyEndpoint } from '../../lib/http/body-endpoint.js';
import { reactivateCustomersRoute } from '../../lib/routes/reactivate-customers.js';

export const handler = httpBodyEndpoint(reactivateCustomersRoute, async ({ tenantId, body }) => {
  const results = await setCustomerStatuses(tenantId, body.ids, 'active');
  return { success: true, message: 'Customers reactivated', data: { results } };
});
