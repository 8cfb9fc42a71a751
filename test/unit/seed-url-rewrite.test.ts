import { describe, expect, it } from 'vitest';
import { rewriteSeedUrl } from '../../lib/edge/seed-url-rewrite.js';

/** The header lib/http/fallback.ts reads (its seedUrlHeader). */
const seedUrlHeader = 'x-fieldbook-seed-url';

const rewrite = (method: string, url: string) => {
  const u = new URL(url, 'http://localhost');
  const out = rewriteSeedUrl(method, u.pathname, u.searchParams);
  return { path: out.path, query: [...out.query.entries()] };
};

describe('rewriteSeedUrl (the CloudFront Function)', () => {
  it('?id= → /customers/{id}', () => {
    expect(rewrite('GET', '/api/v1/customers?id=201')).toEqual({ path: '/api/v1/customers/201', query: [] });
    expect(rewrite('PUT', '/api/v1/customers?id=201')).toEqual({ path: '/api/v1/customers/201', query: [] });
  });

  it('?id=&locations=1 → /customers/{id}/locations', () => {
    expect(rewrite('GET', '/api/v1/customers?id=201&locations=1')).toEqual({ path: '/api/v1/customers/201/locations', query: [] });
    expect(rewrite('POST', '/api/v1/customers?id=201&locations=1')).toEqual({ path: '/api/v1/customers/201/locations', query: [] });
  });

  it('?id=&locations=1&location_id= → /customers/{id}/locations/{locationId}', () => {
    expect(rewrite('PUT', '/api/v1/customers?id=201&locations=1&location_id=87')).toEqual({
      path: '/api/v1/customers/201/locations/87',
      query: [],
    });
    // Parameter order does not matter.
    expect(rewrite('PUT', '/api/v1/customers?location_id=87&locations=1&id=201').path).toBe('/api/v1/customers/201/locations/87');
  });

  it('passes every other parameter through, in order', () => {
    expect(rewrite('GET', '/api/v1/customers?id=201&include=locations')).toEqual({
      path: '/api/v1/customers/201',
      query: [['include', 'locations']],
    });
    expect(rewrite('GET', '/api/v1/customers?id=201&locations=1&page=2&per_page=10')).toEqual({
      path: '/api/v1/customers/201/locations',
      query: [
        ['page', '2'],
        ['per_page', '10'],
      ],
    });
  });

  it('leaves list URLs (no id) untouched, query included', () => {
    expect(rewrite('GET', '/api/v1/customers?search=Acme&page=2')).toEqual({
      path: '/api/v1/customers',
      query: [
        ['search', 'Acme'],
        ['page', '2'],
      ],
    });
    expect(rewrite('POST', '/api/v1/customers')).toEqual({ path: '/api/v1/customers', query: [] });
  });

  it('keeps location_id as a parameter when locations is not 1', () => {
    expect(rewrite('GET', '/api/v1/customers?id=201&location_id=87')).toEqual({
      path: '/api/v1/customers/201',
      query: [['location_id', '87']],
    });
    expect(rewrite('GET', '/api/v1/customers?id=201&locations=0')).toEqual({
      path: '/api/v1/customers/201',
      query: [['locations', '0']],
    });
  });

  it('decodes and re-encodes values, so an encoded id stays one path segment', () => {
    expect(rewrite('GET', '/api/v1/customers?id=%32%30%31').path).toBe('/api/v1/customers/201');
    expect(rewrite('GET', '/api/v1/customers?id=20%2F1').path).toBe('/api/v1/customers/20%2F1');
    expect(rewrite('GET', '/api/v1/customers?id=a%20b').path).toBe('/api/v1/customers/a%20b');
    expect(rewrite('GET', '/api/v1/customers?id=201&search=caf%C3%A9%20%26%20co').query).toEqual([['search', 'café & co']]);
  });

  it('routes a repeated seed parameter by its first value but keeps every value in the query, for the origin to refuse', () => {
    expect(rewrite('GET', '/api/v1/customers?id=201&id=202')).toEqual({
      path: '/api/v1/customers/201',
      query: [
        ['id', '201'],
        ['id', '202'],
      ],
    });
    expect(rewrite('POST', '/api/v1/customers?id=201&locations=1&locations=1')).toEqual({
      path: '/api/v1/customers/201/locations',
      query: [
        ['locations', '1'],
        ['locations', '1'],
      ],
    });
    expect(rewrite('DELETE', '/api/v1/customers?id=201&locations=1&location_id=87&location_id=88')).toEqual({
      path: '/api/v1/customers/201/locations/87',
      query: [
        ['location_id', '87'],
        ['location_id', '88'],
      ],
    });
    expect(rewrite('GET', '/api/v1/customers?id=201&tag=a&tag=b').query).toEqual([
      ['tag', 'a'],
      ['tag', 'b'],
    ]);
  });

  it('leaves an empty id (or location_id) in the query instead of building a path from it', () => {
    expect(rewrite('GET', '/api/v1/customers?id=')).toEqual({ path: '/api/v1/customers', query: [['id', '']] });
    expect(rewrite('GET', '/api/v1/customers?id=&include=locations')).toEqual({
      path: '/api/v1/customers',
      query: [
        ['id', ''],
        ['include', 'locations'],
      ],
    });
    expect(rewrite('PUT', '/api/v1/customers?id=201&locations=1&location_id=')).toEqual({
      path: '/api/v1/customers/201/locations',
      query: [['location_id', '']],
    });
  });

  it('accepts a trailing slash on the seed path', () => {
    expect(rewrite('GET', '/api/v1/customers/?id=201').path).toBe('/api/v1/customers/201');
  });

  it('tells the origin the seed URL it rewrote, in x-fieldbook-seed-url', () => {
    const seedUrl = (method: string, url: string, headers?: Record<string, string>) => {
      const u = new URL(url, 'http://localhost');
      return rewriteSeedUrl(method, u.pathname, u.searchParams, headers).headers[seedUrlHeader];
    };
    expect(seedUrl('DELETE', '/api/v1/customers?id=201')).toBe('/api/v1/customers?id=201');
    expect(seedUrl('PUT', '/api/v1/customers?include=locations&id=201&locations=1')).toBe('/api/v1/customers?id=201&locations=1');
    expect(seedUrl('POST', '/api/v1/customers/?location_id=87&locations=1&id=201')).toBe('/api/v1/customers/?id=201&locations=1&location_id=87');
    expect(seedUrl('GET', '/api/v1/customers?id=a%20b')).toBe('/api/v1/customers?id=a%20b');
    // Not rewritten: no header, and a client's own value never gets through.
    expect(seedUrl('GET', '/api/v1/customers')).toBeUndefined();
    expect(seedUrl('GET', '/api/v1/customers/1', { 'X-Fieldbook-Seed-Url': '/forged' })).toBeUndefined();
    expect(seedUrl('GET', '/api/v1/customers?id=1', { 'x-fieldbook-seed-url': '/forged' })).toBe('/api/v1/customers?id=1');
  });

  it('hands the other request headers back unchanged, lowercased', () => {
    const u = new URL('/api/v1/customers?id=1', 'http://localhost');
    const out = rewriteSeedUrl('GET', u.pathname, u.searchParams, { 'X-API-Key': 'fbk_x', accept: ['a', 'b'], absent: undefined });
    expect(out.headers).toEqual({ 'x-api-key': 'fbk_x', accept: 'a,b', [seedUrlHeader]: '/api/v1/customers?id=1' });
  });

  it('leaves every other path untouched', () => {
    for (const url of ['/api/v1/customers/201?id=5', '/api/v2/customers?id=201', '/api/v1/customersx?id=201', '/docs?id=1', '/?id=201']) {
      const u = new URL(url, 'http://localhost');
      expect(rewrite('GET', url)).toEqual({ path: u.pathname, query: [...u.searchParams.entries()] });
    }
  });
});
