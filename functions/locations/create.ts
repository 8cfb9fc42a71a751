import { httpEndpoint } from '../../lib/http/endpoint.js';
import { createLocation } from '../../lib/locations/locations.js';
import { routes } from '../../lib/routes.js';

export const handler = httpEndpoint(routes.createLocation, async ({ tenantId, params, body }) => {
  const location = await createLocation(tenantId, params.customerId, body);
  return { success: true, message: 'Location created successfully', data: location };
});
