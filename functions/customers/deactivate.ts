import { setCustomerStatuses } from '../../lib/customers/lifecycle.js';
import { httpBodyEndpoint } from '../../lib/http/body-endpoint.js';
import { deactivateCustomersRoute } from '../../lib/routes/deactivate-customers.js';

export const handler = httpBodyEndpoint(deactivateCustomersRoute, async ({ tenantId, body }) => {
  const results = await setCustomerStatuses(tenantId, body.ids, 'inactive');
  return { success: true, message: 'Customers deactivated', data: { results } };
});
