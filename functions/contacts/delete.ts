import { httpEndpoint } from '../../lib/http/endpoint.js';
import { deleteContact } from '../../lib/contacts/contacts.js';
import { deleteContactRoute } from '../../lib/routes/delete-contact.js';

export const handler = httpEndpoint(deleteContactRoute, async ({ tenantId, params }) => {
  await deleteContact(tenantId, params.customerId, params.contactId);
  return { success: true, message: 'Contact deleted successfully' };
});
