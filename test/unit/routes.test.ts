import { describe, expect, it } from 'vitest';
import { matchRoute, methodsForPath, routes } from '../../lib/routes.js';

describe('matchRoute', () => {
  it('finds each customer route with its path parameters', () => {
    expect(matchRoute('GET', '/api/v1/customers')).toEqual({ route: routes.listCustomers, params: {} });
    expect(matchRoute('POST', '/api/v1/customers')).toEqual({ route: routes.createCustomer, params: {} });
    expect(matchRoute('GET', '/api/v1/customers/201')).toEqual({ route: routes.getCustomer, params: { customerId: '201' } });
    expect(matchRoute('PUT', '/api/v1/customers/201')).toEqual({ route: routes.updateCustomer, params: { customerId: '201' } });
  });

  it('is case-insensitive on the method and ignores a trailing slash', () => {
    expect(matchRoute('get', '/api/v1/customers/')).toEqual({ route: routes.listCustomers, params: {} });
    expect(matchRoute('put', '/api/v1/customers/7/')).toMatchObject({ route: routes.updateCustomer });
  });

  it('decodes path parameters', () => {
    expect(matchRoute('GET', '/api/v1/customers/a%20b')).toMatchObject({ params: { customerId: 'a b' } });
    // Malformed percent-encoding still names this route; the id schema then answers 404 not_found, other methods 405.
    expect(matchRoute('GET', '/api/v1/customers/%E0%A4%A')).toMatchObject({ route: routes.getCustomer, params: { customerId: '%E0%A4%A' } });
    expect(matchRoute('PATCH', '/api/v1/customers/%zz')).toBe('method_not_allowed');
  });

  it('says method_not_allowed for a known path under another method', () => {
    expect(matchRoute('DELETE', '/api/v1/customers')).toBe('method_not_allowed');
    expect(matchRoute('PATCH', '/api/v1/customers/201')).toBe('method_not_allowed');
    expect(matchRoute('POST', '/api/v1/customers/201')).toBe('method_not_allowed');
  });

  it('matches nothing for unknown paths', () => {
    for (const path of ['/', '/api/v1', '/api/v1/customer', '/api/v2/customers', '/api/v1/customers//x', '/api/v1/customers/1/2/3/4/5']) {
      expect(matchRoute('GET', path)).toBeUndefined();
    }
    // One trailing slash is tolerated, not two: an empty id segment is not a customer id.
    expect(matchRoute('GET', '/api/v1/customers//')).toBeUndefined();
    expect(matchRoute('PUT', '/api/v1/customers/1/locations//')).toBeUndefined();
  });
});

describe('methodsForPath', () => {
  it('lists the methods of a path for the Allow header', () => {
    expect(methodsForPath('/api/v1/customers').sort()).toEqual(['GET', 'POST']);
    expect(methodsForPath('/api/v1/customers/201').sort()).toEqual(['DELETE', 'GET', 'PUT']);
    expect(methodsForPath('/nope')).toEqual([]);
  });
});
