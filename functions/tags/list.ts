import { httpEndpoint } from '../../lib/http/endpoint.js';
import { paginationOf } from '../../lib/http/pagination.js';
import { listTags } from '../../lib/customers/tags.js';
import { listTagsRoute } from '../../lib/routes/list-tags.js';

export const handler = httpEndpoint(listTagsRoute, async ({ tenantId, query }) => {
  const { items, total } = await listTags(tenantId, query.page, query.per_page);
  return { data: items, pagination: paginationOf(query.page, query.per_page, total) };
});
