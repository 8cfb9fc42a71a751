import { createCustomerRoute } from './routes/create-customer.js';
import { createLocationRoute } from './routes/create-location.js';
import { deactivateCustomersRoute } from './routes/deactivate-customers.js';
import { deleteCustomerRoute } from './routes/delete-customer.js';
import { reactivateCustomersRoute } from './routes/reactivate-customers.js';
import { restoreCustomerRoute } from './routes/restore-customer.js';
import { deleteLocationRoute } from './routes/delete-location.js';
import { getCustomerRoute } from './routes/get-customer.js';
import { getLocationRoute } from './routes/get-location.js';
import { listCustomersRoute } from './routes/list-customers.js';
import { listLocationsRoute } from './routes/list-locations.js';
import { updateCustomerRoute } from './routes/update-customer.js';
import { updateLocationRoute } from './routes/update-location.js';
import { createContactRoute } from './routes/create-contact.js';
import { deleteContactRoute } from './routes/delete-contact.js';
import { getContactRoute } from './routes/get-contact.js';
import { listContactsRoute } from './routes/list-contacts.js';
import { updateContactRoute } from './routes/update-contact.js';
import { createNoteRoute } from './routes/create-note.js';
import { deleteNoteRoute } from './routes/delete-note.js';
import { getNoteRoute } from './routes/get-note.js';
import { listNotesRoute } from './routes/list-notes.js';
import { updateNoteRoute } from './routes/update-note.js';
import { addCustomerTagRoute } from './routes/add-customer-tag.js';
import { removeCustomerTagRoute } from './routes/remove-customer-tag.js';
import { listTagsRoute } from './routes/list-tags.js';
import type { HttpMethod, RouteDefinition } from './routes/route-definition.js';

export type { HttpMethod, RouteDefinition } from './routes/route-definition.js';

/**
 * The one route table, assembled from one module per route (lib/routes/):
 * a function imports only its own route's module, so it bundles only its own
 * schemas; everything that needs every route (the CDK stack, the local
 * server, the OpenAPI document, the fallback's 404/405) imports this table.
 * Adding an endpoint is its use-case in lib/, one route module, one entry
 * here and one handler file.
 */
export const routes = {
  listCustomers: listCustomersRoute,
  getCustomer: getCustomerRoute,
  createCustomer: createCustomerRoute,
  updateCustomer: updateCustomerRoute,
  deleteCustomer: deleteCustomerRoute,
  restoreCustomer: restoreCustomerRoute,
  deactivateCustomers: deactivateCustomersRoute,
  reactivateCustomers: reactivateCustomersRoute,
  listLocations: listLocationsRoute,
  createLocation: createLocationRoute,
  getLocation: getLocationRoute,
  updateLocation: updateLocationRoute,
  deleteLocation: deleteLocationRoute,
  listContacts: listContactsRoute,
  createContact: createContactRoute,
  getContact: getContactRoute,
  updateContact: updateContactRoute,
  deleteContact: deleteContactRoute,
  listNotes: listNotesRoute,
  createNote: createNoteRoute,
  getNote: getNoteRoute,
  updateNote: updateNoteRoute,
  deleteNote: deleteNoteRoute,
  addCustomerTag: addCustomerTagRoute,
  removeCustomerTag: removeCustomerTagRoute,
  listTags: listTagsRoute,
} as const satisfies Record<string, RouteDefinition>;

export type RouteName = keyof typeof routes;
export const routeList: readonly RouteDefinition[] = Object.values(routes);

/** Matches a method and REST path against the table: the route, 'method_not_allowed', or undefined. */
export function matchRoute(
  method: string,
  path: string,
): { route: RouteDefinition; params: Record<string, string> } | 'method_not_allowed' | undefined {
  let pathMatched = false;
  for (const route of routeList) {
    const params = matchPath(route.path, path);
    if (!params) continue;
    pathMatched = true;
    if (route.method === method.toUpperCase()) return { route, params };
  }
  return pathMatched ? 'method_not_allowed' : undefined;
}

function matchPath(template: string, path: string): Record<string, string> | undefined {
  const t = template.split('/');
  // One trailing slash is tolerated (`/customers/1/`); an empty segment anywhere else matches nothing.
  const p = path.replace(/\/$/, '').split('/');
  if (t.length !== p.length) return undefined;
  const params: Record<string, string> = {};
  for (let i = 0; i < t.length; i++) {
    const seg = t[i]!;
    if (seg.startsWith('{') && seg.endsWith('}')) {
      if (!p[i]) return undefined;
      try {
        params[seg.slice(1, -1)] = decodeURIComponent(p[i]!);
      } catch {
        // Malformed percent-encoding: still this route; its id schema rejects the value (404 not_found).
        params[seg.slice(1, -1)] = p[i]!;
      }
    } else if (seg !== p[i]) return undefined;
  }
  return params;
}

/** Methods allowed on a path (for the Allow header of a 405). */
export function methodsForPath(path: string): HttpMethod[] {
  return routeList.filter((r) => matchPath(r.path, path)).map((r) => r.method);
}
