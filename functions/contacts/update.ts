import { httpBodyEndpoint } from '../../lib/http/body-endpoint.js';
import { updateContact } from '../../lib/contacts/contacts.js';
import { updateContactRoute } from '../../lib/routes/update-contact.js';

export const handler = httpBodyEndpoint(updateContactRoute, async ({ tenantId, params, body }) => {
  const contact = await updateContact(tenantId, params.customerId, params.contactId, body);
  return { success: true, message: 'Contact updated successfully', data: contact };
});
