import { httpEndpoint } from '../../lib/http/endpoint.js';
import { getNote } from '../../lib/notes/notes.js';
import { getNoteRoute } from '../../lib/routes/get-note.js';

export const handler = httpEndpoint(getNoteRoute, async ({ tenantId, params }) => {
  return { data: await getNote(tenantId, params.customerId, params.noteId) };
});
