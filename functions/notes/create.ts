import { httpBodyEndpoint } from '../../lib/http/body-endpoint.js';
import { createNote } from '../../lib/notes/notes.js';
import { createNoteRoute } from '../../lib/routes/create-note.js';

export const handler = httpBodyEndpoint(createNoteRoute, async ({ tenantId, principal, params, body }) => {
  const note = await createNote(tenantId, params.customerId, body, principal);
  return { success: true, message: 'Note created successfully', data: note };
});
