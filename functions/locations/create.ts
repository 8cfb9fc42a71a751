import { httpBodyEndpoint } from '../../lib/http/body-endpoint.js';
import { createLocation } from '../../lib/locations/locations.js';
import { createLocationRoute } from '../../lib/routes/create-location.js';

export const handler = httpBodyEndpoint(createLocationRoute, async ({ tenantId, params, body }) => {
  const location = await createLocation(tenantId, params.customerId, body);
  return { success: true, message: 'Location created successfully', data: location };
});
