import { httpEndpoint } from '../../lib/http/endpoint.js';
import { paginationOf } from '../../lib/http/pagination.js';
import { listNotes } from '../../lib/notes/notes.js';
import { listNotesRoute } from '../../lib/routes/list-notes.js';

export const handler = httpEndpoint(listNotesRoute, async ({ tenantId, params, query }) => {
  const { items, total } = await listNotes(tenantId, params.customerId, query);
  return { data: items, pagination: paginationOf(query.page, query.per_page, total) };
});
