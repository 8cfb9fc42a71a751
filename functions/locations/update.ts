import { httpEndpoint } from '../../lib/http/endpoint.js';
import { updateLocation } from '../../lib/locations/locations.js';
import { routes } from '../../lib/routes.js';

export const handler = httpEndpoint(routes.updateLocation, async ({ tenantId, params, body }) => {
  const location = await updateLocation(tenantId, params.customerId, params.locationId, body);
  return { success: true, message: 'Location updated successfully', data: location };
});
