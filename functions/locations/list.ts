import { httpEndpoint } from '../../lib/http/endpoint.js';
import { paginationOf } from '../../lib/http/pagination.js';
import { listLocations } from '../../lib/locations/locations.js';
import { listLocationsRoute } from '../../lib/routes/list-locations.js';

export const handler = httpEndpoint(listLocationsRoute, async ({ tenantId, params, query }) => {
  const { items, total } = await listLocations(tenantId, params.customerId, query);
  return { data: items, pagination: paginationOf(query.page, query.per_page, total) };
});
