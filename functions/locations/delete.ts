import { httpEndpoint } from '../../lib/http/endpoint.js';
import { deleteLocation } from '../../lib/locations/locations.js';
import { deleteLocationRoute } from '../../lib/routes/delete-location.js';

export const handler = httpEndpoint(deleteLocationRoute, async ({ tenantId, params }) => {
  await deleteLocation(tenantId, params.customerId, params.locationId);
  return { success: true, message: 'Location deleted successfully' };
});
