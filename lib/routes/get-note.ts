import { notePathParams } from '../notes/path-params.js';
import { noteEntity } from '../model/note.js';
import { notePath, type RouteDefinition } from './route-definition.js';

/** Schemas behind getters: read when a request is validated (or the OpenAPI document is built), never at import. */
export const getNoteRoute = {
  operationId: 'getNote',
  method: 'GET',
  path: '/api/v1/customers/{customerId}/notes/{noteId}',
  entry: 'functions/notes/get.ts',
  scope: 'customers:read',
  summary: 'Get a single note',
  pathNames: notePath,
  request: { params: notePathParams },
  successStatus: 200,
  response: {
    envelope: 'item',
    get data() {
      return noteEntity.object;
    },
  },
} as const satisfies RouteDefinition;
