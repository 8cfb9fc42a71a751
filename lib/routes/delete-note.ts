import { notePathParams } from '../notes/path-params.js';
import { notePath, type RouteDefinition } from './route-definition.js';

export const deleteNoteRoute = {
  operationId: 'deleteNote',
  method: 'DELETE',
  path: '/api/v1/customers/{customerId}/notes/{noteId}',
  entry: 'functions/notes/delete.ts',
  scope: 'customers:write',
  summary: 'Delete a note',
  pathNames: notePath,
  request: { params: notePathParams },
  successStatus: 200,
  response: { envelope: 'deleted' },
} as const satisfies RouteDefinition;
