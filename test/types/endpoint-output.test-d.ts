import { describe, expectTypeOf, it } from 'vitest';
import type { CustomerObject } from '../../lib/customers/schema.js';
import { httpBodyEndpoint } from '../../lib/http/body-endpoint.js';
import { httpEndpoint, type EndpointOutput } from '../../lib/http/endpoint.js';
import { withHeaders } from '../../lib/http/with-headers.js';
import type { LocationObject } from '../../lib/locations/schema.js';
import { routes } from '../../lib/routes.js';

declare const customer: CustomerObject;
declare const location: LocationObject;
const pagination = { page: 1, per_page: 50, total: 1, total_pages: 1 };

// Each handler below is type-checked only (vitest typecheck and `npm run typecheck`), never run.

describe('a handler result is checked against its route response', () => {
  it('accepts the documented envelopes', () => {
    httpBodyEndpoint(routes.updateCustomer, async () => ({
      success: true,
      message: 'Customer updated successfully',
      data: { customer_id: 1, customer_name: 'Acme', customer_number: 'C-10001' },
    }));
    httpEndpoint(routes.listCustomers, async () => ({ data: [customer], pagination }));
    httpEndpoint(routes.getCustomer, async () => ({ data: { ...customer, locations: [location] } }));
    httpEndpoint(routes.getLocation, async () => ({ data: location }));
    httpEndpoint(routes.deleteLocation, async () => ({ success: true, message: 'Location deleted successfully' }));
    httpEndpoint(routes.getLocation, async () => withHeaders({ data: location }, { etag: '"1"' }));
  });

  it('rejects a misspelled envelope field', () => {
    // @ts-expect-error `mesage` is not `message`
    httpBodyEndpoint(routes.updateCustomer, async () => ({
      success: true,
      mesage: 'Customer updated successfully',
      data: { customer_id: 1, customer_name: 'Acme' },
    }));
  });

  it('rejects a misspelled data field', () => {
    // @ts-expect-error `customer_nam` is not `customer_name`
    httpBodyEndpoint(routes.updateCustomer, async () => ({
      success: true,
      message: 'Customer updated successfully',
      data: { customer_id: 1, customer_nam: 'Acme' },
    }));
  });

  it('rejects a field the schema does not list, also from a spread or a variable', () => {
    // @ts-expect-error customerSummary lists only customer_id and customer_name
    httpBodyEndpoint(routes.createCustomer, async () => ({ success: true, message: 'Customer created successfully', data: { ...customer } }));
    const stored = { ...location, tenant_id: 'acme' };
    // @ts-expect-error tenant_id is not in the location object
    httpEndpoint(routes.getLocation, async () => ({ data: stored }));
    // @ts-expect-error a misspelled optional field (`location` for `locations`)
    httpEndpoint(routes.getCustomer, async () => ({ data: { ...customer, location: [location] } }));
    // @ts-expect-error an extra field inside a list item
    httpEndpoint(routes.listLocations, async () => ({ data: [{ ...location, pk: 'T#acme' }], pagination }));
    // @ts-expect-error also inside withHeaders
    httpEndpoint(routes.getLocation, async () => withHeaders({ data: location, etag: '"1"' }, { etag: '"1"' }));
  });

  it('rejects the wrong envelope for the route', () => {
    // @ts-expect-error updateLocation answers the write envelope, not item
    httpBodyEndpoint(routes.updateLocation, async () => ({ data: location }));
    // @ts-expect-error listCustomers answers a page, not one customer
    httpEndpoint(routes.listCustomers, async () => ({ data: customer, pagination }));
    // @ts-expect-error success is always true on a write
    httpEndpoint(routes.deleteLocation, async () => ({ success: false, message: 'Location deleted successfully' }));
  });

  it('rejects a missing required field', () => {
    // @ts-expect-error the write envelope needs message
    httpBodyEndpoint(routes.createLocation, async () => ({ success: true, data: location }));
    // @ts-expect-error a list needs pagination
    httpEndpoint(routes.listLocations, async () => ({ data: [location] }));
    // @ts-expect-error customerSummary needs customer_name
    httpBodyEndpoint(routes.createCustomer, async () => ({ success: true, message: 'Customer created successfully', data: { customer_id: 1 } }));
  });

  it('derives the body type from the route', () => {
    expectTypeOf<EndpointOutput<typeof routes.deleteLocation>>().toEqualTypeOf<{ success: true; message: string }>();
    expectTypeOf<EndpointOutput<typeof routes.getLocation>['data']>().toEqualTypeOf<LocationObject>();
  });
});

describe('a route with a body and one without take different endpoints', () => {
  it('refuses the body route on httpEndpoint, which parses no body, and a GET route on httpBodyEndpoint', () => {
    // @ts-expect-error createCustomer takes a body: httpBodyEndpoint
    httpEndpoint(routes.createCustomer, async () => ({ success: true, message: 'Customer created successfully', data: { customer_id: 1, customer_name: 'A' } }));
    // @ts-expect-error getLocation takes no body: httpEndpoint
    httpBodyEndpoint(routes.getLocation, async () => ({ data: location }));
  });
});
