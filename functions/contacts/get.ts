import { httpEndpoint } from '../../lib/http/endpoint.js';
import { getContact } from '../../lib/contacts/contacts.js';
import { getContactRoute } from '../../lib/routes/get-contact.js';

export const handler = httpEndpoint(getContactRoute, async ({ tenantId, params }) => {
  return { data: await getContact(tenantId, params.customerId, params.contactId) };
});
