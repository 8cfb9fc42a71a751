import { httpBodyEndpoint } from '../../lib/http/body-endpoint.js';
import { createContact } from '../../lib/contacts/contacts.js';
import { createContactRoute } from '../../lib/routes/create-contact.js';

export const handler = httpBodyEndpoint(createContactRoute, async ({ tenantId, params, body }) => {
  const contact = await createContact(tenantId, params.customerId, body);
  return { success: true, message: 'Contact created successfully', data: contact };
});
