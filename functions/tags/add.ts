import { httpEndpoint } from '../../lib/http/endpoint.js';
import { addCustomerTag } from '../../lib/customers/tags.js';
import { addCustomerTagRoute } from '../../lib/routes/add-customer-tag.js';

export const handler = httpEndpoint(addCustomerTagRoute, async ({ tenantId, params }) => {
  const { changed, customer_id, tags } = await addCustomerTag(tenantId, params.customerId, params.tag);
  return { success: true, message: changed ? 'Tag added successfully' : 'Customer already has this tag', data: { customer_id, tags } };
});
