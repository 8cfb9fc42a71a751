import { httpBodyEndpoint } from '../../lib/http/body-endpoint.js';
import { updateNote } from '../../lib/notes/notes.js';
import { updateNoteRoute } from '../../lib/routes/update-note.js';

export const handler = httpBodyEndpoint(updateNoteRoute, async ({ tenantId, params, body }) => {
  const note = await updateNote(tenantId, params.customerId, params.noteId, body);
  return { success: true, message: 'Note updated successfully', data: note };
});
