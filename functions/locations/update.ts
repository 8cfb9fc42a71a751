import { httpBodyEndpoint } from '../../lib/http/body-endpoint.js';
import { updateLocation } from '../../lib/locations/locations.js';
import { updateLocationRoute } from '../../lib/routes/update-location.js';

export const handler = httpBodyEndpoint(updateLocationRoute, async ({ tenantId, params, body }) => {
  const location = await updateLocation(tenantId, params.customerId, params.locationId, body);
  return { success: true, message: 'Location updated successfully', data: location };
});
