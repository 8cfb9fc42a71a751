import { customerNotesPathParams } from '../notes/path-params.js';
import { noteEntity } from '../model/note.js';
import { customerPath, type RouteDefinition } from './route-definition.js';

/** Schemas behind getters: read when a request is validated (or the OpenAPI document is built), never at import. */
export const createNoteRoute = {
  operationId: 'createNote',
  method: 'POST',
  path: '/api/v1/customers/{customerId}/notes',
  entry: 'functions/notes/create.ts',
  scope: 'customers:write',
  summary: 'Create a note',
  pathNames: customerPath,
  request: {
    params: customerNotesPathParams,
    get body() {
      return noteEntity.createBody;
    },
  },
  successStatus: 201,
  response: {
    envelope: 'write',
    get data() {
      return noteEntity.object;
    },
  },
} as const satisfies RouteDefinition;
