import { listTagsQuery, tagCountSchema } from '../customers/tag-requests.js';
import { type RouteDefinition } from './route-definition.js';

/** Schemas behind getters: read when a request is validated (or the OpenAPI document is built), never at import. */
export const listTagsRoute = {
  operationId: 'listTags',
  method: 'GET',
  path: '/api/v1/tags',
  entry: 'functions/tags/list.ts',
  scope: 'customers:read',
  summary: "List the tenant's tags with their customer counts",
  request: { query: listTagsQuery },
  successStatus: 200,
  response: {
    envelope: 'list',
    get data() {
      return tagCountSchema();
    },
  },
} as const satisfies RouteDefinition;
