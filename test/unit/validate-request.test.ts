import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../lib/errors.js';
import type { HttpRequest } from '../../lib/http/types.js';
import { repeatedParameters, validateRequestMiddleware, type RequestSchemas } from '../../lib/http/middleware/validate-request.js';

/** An API Gateway v2 query: repeats joined with commas in queryStringParameters, apart in rawQueryString. */
function requestFor(rawQueryString: string): HttpRequest {
  const search = new URLSearchParams(rawQueryString);
  const queryStringParameters = Object.fromEntries([...new Set(search.keys())].map((k) => [k, search.getAll(k).join(',')]));
  return {
    event: { rawQueryString, ...(search.size ? { queryStringParameters } : {}) },
    context: { fieldbook: { requestId: 'r' } },
    response: undefined,
    error: undefined,
  } as unknown as HttpRequest;
}

function validate(schemas: RequestSchemas, rawQueryString: string) {
  const request = requestFor(rawQueryString);
  try {
    validateRequestMiddleware(schemas).before(request);
    return { query: request.context.fieldbook?.query };
  } catch (err) {
    if (!(err instanceof ValidationError)) throw err;
    return { details: err.details, message: err.message };
  }
}

const listQuery = z.strictObject({ search: z.string().optional(), page: z.coerce.number().default(1) });

describe('repeatedParameters', () => {
  it('names each parameter given more than once, decoded, once', () => {
    expect(repeatedParameters(undefined)).toEqual([]);
    expect(repeatedParameters('')).toEqual([]);
    expect(repeatedParameters('id=1&page=2')).toEqual([]);
    expect(repeatedParameters('id=1&id=2&id=3&page=1&page=1')).toEqual(['id', 'page']);
    expect(repeatedParameters('i%64=1&id=2')).toEqual(['id']);
    expect(repeatedParameters('search=a,b')).toEqual([]);
  });
});

describe('validateRequestMiddleware query rules', () => {
  it('a route without a query schema accepts no parameter at all', () => {
    expect(validate({}, '')).toEqual({ query: undefined });
    expect(validate({}, 'foo=1')).toEqual({ details: [{ field: 'foo', issue: 'is not a known field' }], message: 'Invalid request: foo is not a known field' });
  });

  it('a repeated parameter is 400 naming it, once, on a route that knows it or not', () => {
    expect(validate({ query: listQuery }, 'page=1&page=2')).toEqual({
      details: [{ field: 'page', issue: 'must be given at most once' }],
      message: 'Invalid request: page must be given at most once',
    });
    expect(validate({}, 'id=1&id=2').details).toEqual([{ field: 'id', issue: 'must be given at most once' }]);
    expect(validate({ query: listQuery }, 'search=a&search=b&foo=1').details).toEqual([
      { field: 'search', issue: 'must be given at most once' },
      { field: 'foo', issue: 'is not a known field' },
    ]);
  });

  it('a value with a comma is one value, not a repeat', () => {
    expect(validate({ query: listQuery }, 'search=a%2Cb')).toEqual({ query: { search: 'a,b', page: 1 } });
  });
});

describe('validateRequestMiddleware path parameters', () => {
  const params = z.strictObject({ customerId: z.string().regex(/^\d+$/), locationId: z.string().regex(/^\d+$/) });
  const names = { customerId: 'Customer', locationId: 'Location' };
  const notFound = (pathParameters: Record<string, string>, pathNames?: Record<string, string>) => {
    const request = { ...requestFor(''), event: { rawQueryString: '', pathParameters } } as unknown as HttpRequest;
    try {
      validateRequestMiddleware({ params }, pathNames).before(request);
      return 'found';
    } catch (err) {
      return (err as Error).message;
    }
  };

  it('names what the innermost malformed id stands for, as the route declares it', () => {
    expect(notFound({ customerId: '1', locationId: '2' }, names)).toBe('found');
    expect(notFound({ customerId: 'x', locationId: '2' }, names)).toBe('Customer not found');
    expect(notFound({ customerId: '1', locationId: 'y' }, names)).toBe('Location not found');
    expect(notFound({ customerId: 'x', locationId: 'y' }, names)).toBe('Location not found');
  });

  it('knows no entity itself: a route that names nothing gets a neutral 404', () => {
    expect(notFound({ customerId: 'x', locationId: '2' })).toBe('Resource not found');
  });
});
