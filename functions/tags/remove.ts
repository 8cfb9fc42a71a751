import { httpEndpoint } from '../../lib/http/endpoint.js';
import { removeCustomerTag } from '../../lib/customers/tags.js';
import { removeCustomerTagRoute } from '../../lib/routes/remove-customer-tag.js';

export const handler = httpEndpoint(removeCustomerTagRoute, async ({ tenantId, params }) => {
  const { customer_id, tags } = await removeCustomerTag(tenantId, params.customerId, params.tag);
  return { success: true, message: 'Tag removed successfully', data: { customer_id, tags } };
});
