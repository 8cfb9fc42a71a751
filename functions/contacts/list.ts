import { httpEndpoint } from '../../lib/http/endpoint.js';
import { paginationOf } from '../../lib/http/pagination.js';
import { listContacts } from '../../lib/contacts/contacts.js';
import { listContactsRoute } from '../../lib/routes/list-contacts.js';

export const handler = httpEndpoint(listContactsRoute, async ({ tenantId, params, query }) => {
  const { items, total } = await listContacts(tenantId, params.customerId, query);
  return { data: items, pagination: paginationOf(query.page, query.per_page, total) };
});
