import { notePathParams } from '../notes/path-params.js';
import { noteEntity } from '../model/note.js';
import { notePath, type RouteDefinition } from './route-definition.js';

/** Schemas behind getters: read when a request is validated (or the OpenAPI document is built), never at import. */
export const updateNoteRoute = {
  operationId: 'updateNote',
  method: 'PUT',
  path: '/api/v1/customers/{customerId}/notes/{noteId}',
  entry: 'functions/notes/update.ts',
  scope: 'customers:write',
  summary: 'Update a note (body, pinned)',
  pathNames: notePath,
  request: {
    params: notePathParams,
    get body() {
      return noteEntity.updateBody;
    },
  },
  successStatus: 200,
  response: {
    envelope: 'write',
    get data() {
      return noteEntity.object;
    },
  },
} as const satisfies RouteDefinition;
