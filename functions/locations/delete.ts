import { httpEndpoint } from '../../lib/http/endpoint.js';
import { deleteLocation } from '../../lib/locations/locations.js';
import { routes } from '../../lib/routes.js';

export const handler = httpEndpoint(routes.deleteLocation, async ({ tenantId, params }) => {
  await deleteLocation(tenantId, params.customerId, params.locationId);
  return { success: true, message: 'Location deleted successfully' };
});
