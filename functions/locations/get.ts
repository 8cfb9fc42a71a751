import { httpEndpoint } from '../../lib/http/endpoint.js';
import { getLocation } from '../../lib/locations/locations.js';
import { getLocationRoute } from '../../lib/routes/get-location.js';

export const handler = httpEndpoint(getLocationRoute, async ({ tenantId, params }) => {
  return { data: await getLocation(tenantId, params.customerId, params.locationId) };
});
