import { describe, expect, it } from 'vitest';
import { embedsOf, getCustomerQuery } from '../../lib/customers/get-query.js';
import { customerPathParams } from '../../lib/customers/path-params.js';
import { createCustomerBody, updateCustomerBody } from '../../lib/customers/schema.js';
import { listCustomersQuery } from '../../lib/customers/list-query.js';

const valid = {
  customer_name: 'Riverside Medical Center',
  customer_email: 'facilities@riverside.example',
  customer_phone: '+15559876543',
  default_sla_hours: 24,
};

/** The paths and codes of every issue, so a test names exactly what failed. */
function issuesOf(result: { success: boolean; error?: { issues: { path: PropertyKey[]; code: string; keys?: string[] }[] } }) {
  expect(result.success).toBe(false);
  return result.error!.issues.map((i) => ({ path: i.path.join('.'), code: i.code, ...(i.keys ? { keys: i.keys } : {}) }));
}

/** What a create without issue 9's fields stores for them (customer_number is assigned by the use-case). */
const richerDefaults = {
  customer_type: 'residential', status: 'active', first_name: null, last_name: null, company_name: null, display_as_company: false,
  is_lead: false, lead_source: null, billing_address: null, payment_terms: null, tax_id: null, website: null, account_credit: 0,
  notes: null, phones: [], emails: [], custom_fields: {}, tags: [],
};

describe('createCustomerBody', () => {
  it('accepts the seed example and fills the optional fields with their defaults', () => {
    expect(createCustomerBody.parse(valid)).toEqual({ ...valid, ...richerDefaults, tax_exempt: false, tax_exemption_reason: null });
    expect(createCustomerBody.parse({ ...valid, tax_exempt: false, tax_exemption_reason: null })).toEqual({
      ...valid,
      ...richerDefaults,
      tax_exempt: false,
      tax_exemption_reason: null,
    });
  });

  it('keeps an explicit exemption and reason', () => {
    const out = createCustomerBody.parse({ ...valid, tax_exempt: true, tax_exemption_reason: 'Non-profit hospital' });
    expect(out.tax_exempt).toBe(true);
    expect(out.tax_exemption_reason).toBe('Non-profit hospital');
  });

  it('trims name and e-mail and normalizes the phone to E.164', () => {
    const out = createCustomerBody.parse({ ...valid, customer_name: '  Acme  ', customer_email: ' Ops@Acme.example ', customer_phone: '(555) 123-4567' });
    expect(out.customer_name).toBe('Acme');
    expect(out.customer_email).toBe('Ops@Acme.example');
    expect(out.customer_phone).toBe('+15551234567');
  });

  it.each(['customer_name', 'customer_email', 'customer_phone', 'default_sla_hours'])('requires %s', (field) => {
    const body: Record<string, unknown> = { ...valid };
    delete body[field];
    expect(issuesOf(createCustomerBody.safeParse(body))).toEqual([{ path: field, code: 'invalid_type' }]);
  });

  it('lists every missing required field at once', () => {
    expect(issuesOf(createCustomerBody.safeParse({})).map((i) => i.path)).toEqual([
      'customer_name',
      'customer_email',
      'customer_phone',
      'default_sla_hours',
    ]);
  });

  it('rejects unknown fields by name', () => {
    expect(issuesOf(createCustomerBody.safeParse({ ...valid, customer_id: 5, nickname: 'x' }))).toEqual([
      { path: '', code: 'unrecognized_keys', keys: ['customer_id', 'nickname'] },
    ]);
  });

  it.each([
    ['customer_name', '', 'too_small'],
    ['customer_name', '   ', 'too_small'],
    ['customer_name', 'x'.repeat(256), 'too_big'],
    ['customer_name', 42, 'invalid_type'],
    ['customer_email', 'not-an-email', 'invalid_format'],
    ['customer_email', 'a@', 'invalid_format'],
    ['customer_email', `${'a'.repeat(250)}@x.com`, 'too_big'],
    ['customer_email', null, 'invalid_type'],
    ['customer_phone', 'call me', 'custom'],
    ['customer_phone', '123', 'custom'],
    ['customer_phone', '5'.repeat(41), 'too_big'],
    ['customer_phone', 5551234567, 'invalid_type'],
    ['default_sla_hours', 1.5, 'invalid_type'],
    ['default_sla_hours', '24', 'invalid_type'],
    ['default_sla_hours', -1, 'too_small'],
    ['default_sla_hours', 8761, 'too_big'],
    ['tax_exempt', 'yes', 'invalid_type'],
    ['tax_exempt', 1, 'invalid_type'],
    ['tax_exemption_reason', 'r'.repeat(256), 'too_big'],
    ['tax_exemption_reason', 7, 'invalid_type'],
  ])('rejects %s = %j (%s)', (field, value, code) => {
    expect(issuesOf(createCustomerBody.safeParse({ ...valid, [field]: value }))).toEqual([{ path: field, code }]);
  });

  it.each(['john+tag@acme.com', "o'brien@example.ie", 'first.last@sub.example.co.uk', 'UPPER@EXAMPLE.COM'])('accepts the e-mail %s', (email) => {
    expect(createCustomerBody.parse({ ...valid, customer_email: email }).customer_email).toBe(email);
  });

  it.each(['customer_name', 'tax_exemption_reason'])('rejects unpaired surrogates in %s, which are not text', (field) => {
    const result = createCustomerBody.safeParse({ ...valid, [field]: 'Acme \ud800 Corp' });
    expect(issuesOf(result)).toEqual([{ path: field, code: 'custom' }]);
    expect(result.error!.issues[0]!.message).toBe('must be valid Unicode text');
    // A surrogate pair is a character like any other.
    expect(createCustomerBody.parse({ ...valid, [field]: 'Acme 😀' })[field as 'customer_name']).toBe('Acme 😀');
  });

  it('accepts a name that grows when folded for search (113 × 각, 57 × ㌖): limits hold on the stored terms instead', () => {
    expect(createCustomerBody.parse({ ...valid, customer_name: '각'.repeat(113) }).customer_name).toHaveLength(113);
    expect(createCustomerBody.parse({ ...valid, customer_name: '㌖'.repeat(255) }).customer_name).toHaveLength(255);
  });

  it('accepts the limits themselves', () => {
    const out = createCustomerBody.parse({
      ...valid,
      customer_name: 'x'.repeat(255),
      default_sla_hours: 8760,
      tax_exemption_reason: 'r'.repeat(255),
    });
    expect(out.customer_name).toHaveLength(255);
    expect(createCustomerBody.parse({ ...valid, default_sla_hours: 0 }).default_sla_hours).toBe(0);
  });
});

describe('updateCustomerBody', () => {
  it('accepts any single writable field', () => {
    expect(updateCustomerBody.parse({ customer_email: 'new@acme.example' })).toEqual({ customer_email: 'new@acme.example' });
    expect(updateCustomerBody.parse({ tax_exemption_reason: null })).toEqual({ tax_exemption_reason: null });
    expect(updateCustomerBody.parse({ customer_phone: '555.123.4567' })).toEqual({ customer_phone: '+15551234567' });
  });

  it('does not invent defaults for fields the caller did not send', () => {
    expect(updateCustomerBody.parse({ customer_name: 'Acme' })).toEqual({ customer_name: 'Acme' });
  });

  it('rejects an empty body', () => {
    expect(issuesOf(updateCustomerBody.safeParse({}))).toEqual([{ path: '', code: 'custom' }]);
  });

  it('rejects unknown fields by name', () => {
    expect(issuesOf(updateCustomerBody.safeParse({ customer_name: 'Acme', nickname: 'x', locations: [] }))).toEqual([
      { path: '', code: 'unrecognized_keys', keys: ['nickname', 'locations'] },
    ]);
  });

  it('accepts the object GET returned, read-only fields included (the use-case compares them with the stored ones)', () => {
    const asGetReturnedIt = {
      customer_id: 201,
      ...valid,
      tax_exempt: false,
      tax_exemption_reason: null,
      created_at: '2026-01-15T10:00:00Z',
      updated_at: '2026-02-20T08:30:00Z',
    };
    expect(updateCustomerBody.parse(asGetReturnedIt)).toEqual(asGetReturnedIt);
  });

  it('requires a writable field besides the read-only ones', () => {
    expect(issuesOf(updateCustomerBody.safeParse({ customer_id: 9 }))).toEqual([{ path: '', code: 'custom' }]);
    expect(updateCustomerBody.safeParse({ customer_id: 9 }).error!.issues[0]!.message).toBe('at least one writable field is required');
  });

  it.each([
    ['customer_id', '201', 'invalid_type'],
    ['customer_id', 1.5, 'invalid_type'],
    ['customer_id', 0, 'too_small'],
    ['customer_id', 10_000_000_000, 'too_big'],
    ['created_at', 5, 'invalid_type'],
    ['updated_at', 'x'.repeat(36), 'too_big'],
  ])('checks the type of read-only %s = %j (%s)', (field, value, code) => {
    expect(issuesOf(updateCustomerBody.safeParse({ customer_name: 'Acme', [field]: value }))).toEqual([{ path: field, code }]);
  });

  it.each([
    ['customer_name', ''],
    ['customer_email', 'nope'],
    ['customer_email', null],
    ['customer_phone', 'garbage'],
    ['default_sla_hours', 2.5],
    ['default_sla_hours', null],
    ['tax_exempt', null],
  ])('applies the create rules: %s = %j', (field, value) => {
    expect(issuesOf(updateCustomerBody.safeParse({ [field]: value })).map((i) => i.path)).toContain(field);
  });
});

describe('listCustomersQuery', () => {
  it('defaults page 1 and per_page 50', () => {
    expect(listCustomersQuery.parse({})).toEqual({ page: 1, per_page: 50 });
  });

  it('parses page and per_page', () => {
    expect(listCustomersQuery.parse({ page: '3', per_page: '100' })).toMatchObject({ page: 3, per_page: 100 });
    expect(listCustomersQuery.parse({ per_page: '1' })).toMatchObject({ per_page: 1 });
  });

  it.each(['0', '-1', '1.5', '101', 'abc', '', '1e2', ' 5', '5,6'])('rejects per_page=%j', (value) => {
    expect(issuesOf(listCustomersQuery.safeParse({ per_page: value })).map((i) => i.path)).toEqual(['per_page']);
  });

  it.each(['0', '-2', '2.5', 'x'])('rejects page=%j', (value) => {
    expect(issuesOf(listCustomersQuery.safeParse({ page: value })).map((i) => i.path)).toEqual(['page']);
  });

  it.each([
    ['2026-01-15T00:00:00Z', '2026-01-15T00:00:00Z'],
    ['2026-01-15', '2026-01-15T00:00:00Z'],
    ['2026-01-15T10:00:00.750Z', '2026-01-15T10:00:00Z'],
    ['2026-01-15T01:00:00+01:00', '2026-01-15T00:00:00Z'],
    ['2026-01-15T01:00:00+0100', '2026-01-15T00:00:00Z'],
    ['2024-02-29T00:00:00Z', '2024-02-29T00:00:00Z'],
  ])('normalizes created_after=%s to UTC whole seconds', (input, stored) => {
    expect(listCustomersQuery.parse({ created_after: input }).created_after).toBe(stored);
    expect(listCustomersQuery.parse({ created_before: input }).created_before).toBe(stored);
  });

  it.each(['yesterday', '1700000000', '2026-13-01', '2026-01-32', '2026-02-30', '2025-02-29', '2026-04-31T00:00:00Z', '2026-01-15T25:00:00Z', '15/01/2026', ''])(
    'rejects created_after / created_before = %j',
    (value) => {
      expect(issuesOf(listCustomersQuery.safeParse({ created_after: value })).map((i) => i.path)).toEqual(['created_after']);
      expect(issuesOf(listCustomersQuery.safeParse({ created_before: value })).map((i) => i.path)).toEqual(['created_before']);
    },
  );

  it('accepts has_locations 1 and 0 only', () => {
    expect(listCustomersQuery.parse({ has_locations: '1' }).has_locations).toBe('1');
    expect(listCustomersQuery.parse({ has_locations: '0' }).has_locations).toBe('0');
    for (const value of ['true', 'false', 'yes', '2', '', '01']) {
      expect(issuesOf(listCustomersQuery.safeParse({ has_locations: value })).map((i) => i.path)).toEqual(['has_locations']);
    }
  });

  it('limits search to 200 characters', () => {
    expect(listCustomersQuery.parse({ search: 'a'.repeat(200) }).search).toHaveLength(200);
    expect(issuesOf(listCustomersQuery.safeParse({ search: 'a'.repeat(201) })).map((i) => i.path)).toEqual(['search']);
  });

  it('limits search to 8 distinct words, since every word must match', () => {
    expect(listCustomersQuery.parse({ search: 'a b c d e f g h' }).search).toBe('a b c d e f g h');
    expect(listCustomersQuery.parse({ search: 'a a a a a a a a a a b' }).search).toBe('a a a a a a a a a a b');
    expect(issuesOf(listCustomersQuery.safeParse({ search: 'a b c d e f g h i' })).map((i) => i.path)).toEqual(['search']);
  });

  it('accepts a search word that grows when folded (114 × 각), and refuses unpaired surrogates', () => {
    expect(listCustomersQuery.parse({ search: '각'.repeat(114) }).search).toHaveLength(114);
    expect(issuesOf(listCustomersQuery.safeParse({ search: 'ab\udc00' })).map((i) => i.path)).toEqual(['search']);
  });

  it('limits created_after and created_before to 35 characters', () => {
    expect(issuesOf(listCustomersQuery.safeParse({ created_after: `2026-01-15T00:00:00.${'0'.repeat(20)}Z` })).map((i) => i.path)).toEqual([
      'created_after',
    ]);
  });

  it('rejects unknown query parameters', () => {
    expect(issuesOf(listCustomersQuery.safeParse({ sort: 'name' }))).toEqual([{ path: '', code: 'unrecognized_keys', keys: ['sort'] }]);
  });

  it('reports every bad parameter at once', () => {
    expect(issuesOf(listCustomersQuery.safeParse({ page: '0', per_page: '101', has_locations: 'x' })).map((i) => i.path).sort()).toEqual([
      'has_locations',
      'page',
      'per_page',
    ]);
  });
});

describe('getCustomerQuery and customerPathParams', () => {
  it('allows include=locations, contacts or both, and nothing else', () => {
    expect(getCustomerQuery.parse({})).toEqual({});
    for (const include of ['locations', 'contacts', 'locations,contacts', 'contacts,locations']) expect(getCustomerQuery.parse({ include })).toEqual({ include });
    expect(embedsOf('contacts,locations')).toEqual({ locations: true, contacts: true });
    expect(embedsOf('contacts')).toEqual({ locations: false, contacts: true });
    expect(embedsOf(undefined)).toEqual({ locations: false, contacts: false });
    for (const include of ['orders', 'notes', 'locations,notes', 'locations,locations', 'locations, contacts']) {
      expect(getCustomerQuery.safeParse({ include }).error!.issues, include).toMatchObject([
        { path: ['include'], message: 'must be "locations", "contacts" or "locations,contacts"' },
      ]);
    }
    expect(getCustomerQuery.safeParse({ expand: 'locations' }).success).toBe(false);
  });

  it('turns positive integer ids into numbers', () => {
    expect(customerPathParams.parse({ customerId: '201' })).toEqual({ customerId: 201 });
    expect(customerPathParams.parse({ customerId: '9999999999' })).toEqual({ customerId: 9999999999 });
  });

  it.each(['0', '-1', '01', '1.5', 'abc', '', '12345678901', '1e3'])('rejects customerId=%j', (id) => {
    expect(customerPathParams.safeParse({ customerId: id }).success).toBe(false);
  });
});
