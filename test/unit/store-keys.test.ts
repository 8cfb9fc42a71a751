import { describe, expect, it } from 'vitest';
import { apiKeyKeys, customerKeys, customerListKeys, emailGuardKeys, locationKeys, searchTermKeys, tenantKeys } from '../../lib/store/keys.js';

describe('key formats', () => {
  it('tenant counters', () => {
    expect(tenantKeys.counters('acme')).toEqual({ pk: 'T#acme', sk: 'COUNTERS' });
  });

  it('customer item and its collection', () => {
    expect(customerKeys.customer('acme', 201)).toEqual({ pk: 'T#acme#C#201', sk: 'CUSTOMER' });
    expect(customerKeys.idFromCollection(customerKeys.collection('acme', 201))).toBe(201);
  });

  it('locations share the customer collection and sort by padded id', () => {
    expect(locationKeys.location('acme', 201, 87)).toEqual({ pk: 'T#acme#C#201', sk: 'LOCATION#0000000087' });
    expect(locationKeys.location('acme', 201, 87).sk.startsWith(locationKeys.prefix)).toBe(true);
  });

  it('gsi1 (located) and gsi2 (created) sort keys order like numbers and round-trip the id', () => {
    const located = customerKeys.located('acme', false, 42);
    expect(located).toEqual({ gsi1pk: 'T#acme#LOCATED#0', gsi1sk: '0000000042' });
    expect(customerKeys.located('acme', true, 42).gsi1pk).toBe('T#acme#LOCATED#1');
    const created = customerListKeys.created('acme', '2026-01-15T10:00:00Z', 7);
    expect(created).toEqual({ gsi2pk: 'T#acme#CREATED', gsi2sk: '2026-01-15T10:00:00Z#0000000007' });
    expect(customerListKeys.idFromIndexSortKey(created.gsi2sk)).toBe(7);
    expect(customerListKeys.idFromIndexSortKey(located.gsi1sk)).toBe(42);
    const sks = [9, 10, 100, 2].map((id) => customerKeys.located('t', false, id).gsi1sk).sort();
    expect(sks.map(customerListKeys.idFromIndexSortKey)).toEqual([2, 9, 10, 100]);
  });

  it('e-mail guard per tenant', () => {
    expect(emailGuardKeys.guard('acme', 'ops@acme.com')).toEqual({ pk: 'T#acme#EMAIL#ops@acme.com', sk: 'EMAIL' });
    expect(emailGuardKeys.guard('globex', 'ops@acme.com').pk).not.toBe(emailGuardKeys.guard('acme', 'ops@acme.com').pk);
  });

  it('search terms partition by tenant, namespace and first character', () => {
    const k = searchTermKeys.term('acme', 'w', 'corporation', 201);
    expect(k).toEqual({ pk: 'T#acme#TERM#w#c', sk: 'corporation#0000000201' });
    expect(searchTermKeys.idFromSortKey(k.sk)).toBe(201);
    // A prefix query lands in the same partition as every term it can match.
    expect(searchTermKeys.partition('acme', 'w', 'cor')).toBe(k.pk);
    expect(searchTermKeys.partition('acme', 'p', '555')).toBe('T#acme#TERM#p#5');
    // The first character is a whole code point, not half a surrogate pair.
    expect(searchTermKeys.partition('acme', 'w', '𝒜bc')).toBe('T#acme#TERM#w#𝒜');
  });

  it('API keys by hash and the listing index', () => {
    expect(apiKeyKeys.key('abc')).toEqual({ pk: 'APIKEY#abc', sk: 'APIKEY' });
    expect(apiKeyKeys.listing('acme', '2026-01-15T10:00:00Z', 'k1')).toEqual({
      gsi1pk: 'APIKEYS',
      gsi1sk: 'acme#2026-01-15T10:00:00Z#k1',
    });
  });
});
