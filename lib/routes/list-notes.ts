import { listNotesQuery } from '../notes/list-query.js';
import { customerNotesPathParams } from '../notes/path-params.js';
import { noteEntity } from '../model/note.js';
import { customerPath, type RouteDefinition } from './route-definition.js';

/** Schemas behind getters: read when a request is validated (or the OpenAPI document is built), never at import. */
export const listNotesRoute = {
  operationId: 'listNotes',
  method: 'GET',
  path: '/api/v1/customers/{customerId}/notes',
  entry: 'functions/notes/list.ts',
  scope: 'customers:read',
  summary: 'List customer notes (pinned first, then newest first)',
  pathNames: customerPath,
  request: { params: customerNotesPathParams, query: listNotesQuery },
  successStatus: 200,
  response: {
    envelope: 'list',
    get data() {
      return noteEntity.object;
    },
  },
} as const satisfies RouteDefinition;
