import { httpEndpoint } from '../../lib/http/endpoint.js';
import { deleteNote } from '../../lib/notes/notes.js';
import { deleteNoteRoute } from '../../lib/routes/delete-note.js';

export const handler = httpEndpoint(deleteNoteRoute, async ({ tenantId, params }) => {
  await deleteNote(tenantId, params.customerId, params.noteId);
  return { success: true, message: 'Note deleted successfully' };
});
