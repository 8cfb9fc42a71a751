import { httpEndpoint } from '../../lib/http/endpoint.js';
import { getLocation } from '../../lib/locations/locations.js';
import { routes } from '../../lib/routes.js';

export const handler = httpEndpoint(routes.getLocation, async ({ tenantId, params }) => {
  return { data: await getLocation(tenantId, params.customerId, params.locationId) };
});
