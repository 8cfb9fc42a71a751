import { listCustomers } from '../../lib/customers/customers.js';
import { httpEndpoint } from '../../lib/http/endpoint.js';
import { paginationOf } from '../../lib/http/pagination.js';
import { listCustomersRoute } from '../../lib/routes/list-customers.js';


export const handler = httpEndpoint(listCustomersRoute, async ({ tenantId, query }) => {
  const { items, total } = await listCustomers(tenantId, query);
  return { data: items, pagination: paginationOf(query.page, query.per_page, total) };
});
