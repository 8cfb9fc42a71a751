import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, type TestApi } from '../support/local-api.js';

/**
 * Replays every customer example of seed 000, in both URL styles, and checks
 * the documented response shapes key for key.
 */
let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(() => api.close());

const isoUtc = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;
const seedCustomerFields = [
  'customer_id',
  'customer_name',
  'customer_email',
  'customer_phone',
  'default_sla_hours',
  'tax_exempt',
  'tax_exemption_reason',
  'created_at',
  'updated_at',
];

/** The fields issue 9 adds after seed 000's nine (additive: a seed client reads the nine it knows). */
const richerCustomerFields = [
  'customer_number', 'customer_type', 'status', 'first_name', 'last_name', 'company_name', 'display_as_company', 'is_lead', 'lead_source',
  'billing_address', 'payment_terms', 'tax_id', 'website', 'account_credit', 'notes', 'phones', 'emails', 'custom_fields', 'tags', 'deleted_at',
];

/** What seed 000 documents of an object: its keys only, in the object's order (everything else is additive). */
function seedPart<T extends Record<string, unknown>>(value: T, keys: readonly string[] = seedCustomerFields): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([k]) => keys.includes(k))) as Partial<T>;
}

/** A customer object as seed 000 documents it: the 9 fields first, in its order and with its types; issue 9's after them. */
function expectCustomerObject(c: Record<string, unknown>) {
  expect(Object.keys(c)).toEqual([...seedCustomerFields, ...richerCustomerFields]);
  expect(seedPart(c)).toEqual({
    customer_id: expect.any(Number),
    customer_name: expect.any(String),
    customer_email: expect.any(String),
    customer_phone: expect.stringMatching(/^\+[1-9]\d{6,14}$/),
    default_sla_hours: expect.any(Number),
    tax_exempt: expect.any(Boolean),
    tax_exemption_reason: c.tax_exemption_reason === null ? null : expect.any(String),
    created_at: expect.stringMatching(isoUtc),
    updated_at: expect.stringMatching(isoUtc),
  });
  expect(Number.isInteger(c.customer_id)).toBe(true);
  expect(Number.isInteger(c.default_sla_hours)).toBe(true);
}

/** Every response carries request_id in the body and the same value in X-Request-Id. */
function expectRequestId(res: { headers: Headers; body: { request_id?: unknown } }) {
  expect(res.body.request_id).toEqual(expect.any(String));
  expect((res.body.request_id as string).length).toBeGreaterThan(0);
  expect(res.headers.get('x-request-id')).toBe(res.body.request_id);
}

const acme = {
  customer_name: 'Acme Corporation',
  customer_email: 'john@acme.com',
  customer_phone: '+15551234567',
  default_sla_hours: 24,
  tax_exempt: false,
  tax_exemption_reason: null,
};
const riverside = {
  customer_name: 'Riverside Medical Center',
  customer_email: 'facilities@riversidemedical.example',
  customer_phone: '+15559876543',
  default_sla_hours: 24,
  tax_exempt: false,
  tax_exemption_reason: null,
};

let acmeId: number;

/** The example responses of seed 000, verbatim (e-mails as the contract's text shows them obfuscated). */
const seedCustomer = {
  customer_id: 201,
  customer_name: 'Acme Corporation',
  customer_email: 'john@acme.example',
  customer_phone: '+15551234567',
  default_sla_hours: 24,
  tax_exempt: false,
  tax_exemption_reason: null,
  created_at: '2026-01-15T10:00:00Z',
  updated_at: '2026-02-20T08:30:00Z',
};
const seedExamples = {
  list: { data: [seedCustomer], pagination: { page: 1, per_page: 50, total: 1, total_pages: 1 }, request_id: 'a1b2c3d4e5f6' },
  get: { data: seedCustomer, request_id: 'a1b2c3d4e5f6' },
  create: { success: true, message: 'Customer created successfully', data: { customer_id: 202, customer_name: 'Riverside Medical Center' }, request_id: 'a1b2c3d4e5f6' },
  update: { success: true, message: 'Customer updated successfully', data: { customer_id: 201, customer_name: 'Acme Corporation' }, request_id: 'a1b2c3d4e5f6' },
};

/** Keys (in order) and JSON types, recursively: what "the same shape" means. */
function shapeOf(value: unknown): unknown {
  if (value === null) return 'null';
  if (Array.isArray(value)) return value.map(shapeOf);
  if (typeof value === 'object') return Object.entries(value as object).map(([k, v]) => [k, shapeOf(v)]);
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}

describe('seed 000: create a customer (POST /api/v1/customers)', () => {
  it('returns 201 with success, message, data {customer_id, customer_name} and request_id', async () => {
    const first = await api.call('POST', '/api/v1/customers', { body: acme });
    expect(first.status).toBe(201);
    acmeId = first.body.data.customer_id;

    const res = await api.call('POST', '/api/v1/customers', { body: riverside });
    expect(res.status).toBe(201);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    expect(Object.keys(res.body)).toEqual(['success', 'message', 'data', 'request_id']);
    expect(res.body).toEqual({
      success: true,
      message: 'Customer created successfully',
      data: { customer_id: acmeId + 1, customer_name: 'Riverside Medical Center', customer_number: expect.stringMatching(/^C-\d+$/) },
      request_id: expect.any(String),
    });
    // The seed's two fields first; the assigned customer_number after them.
    expect(Object.keys(res.body.data)).toEqual(['customer_id', 'customer_name', 'customer_number']);
    expectRequestId(res);
  });

  it('accepts the minimal body (optional fields default) and common US phone formats', async () => {
    const res = await api.call('POST', '/api/v1/customers', {
      body: { customer_name: 'Initech', customer_email: 'bill@initech.example', customer_phone: '(555) 201-0000', default_sla_hours: 8 },
    });
    expect(res.status).toBe(201);
    const got = await api.call('GET', `/api/v1/customers/${res.body.data.customer_id}`);
    expect(got.body.data).toMatchObject({ customer_phone: '+15552010000', tax_exempt: false, tax_exemption_reason: null });
  });
});

describe('seed 000: list customers (GET /api/v1/customers?search=Acme)', () => {
  it('returns data, pagination and request_id exactly as the seed', async () => {
    const res = await api.call('GET', '/api/v1/customers?search=Acme');
    expect(res.status).toBe(200);
    expect(Object.keys(res.body)).toEqual(['data', 'pagination', 'request_id']);
    expect(res.body.data).toHaveLength(1);
    expectCustomerObject(res.body.data[0]);
    expect(res.body.data[0]).toMatchObject({ ...acme, customer_id: acmeId });
    expect(Object.keys(res.body.pagination)).toEqual(['page', 'per_page', 'total', 'total_pages']);
    expect(res.body.pagination).toEqual({ page: 1, per_page: 50, total: 1, total_pages: 1 });
    expectRequestId(res);
  });

  it('lists everyone in id order with pagination', async () => {
    const all = await api.call('GET', '/api/v1/customers');
    expect(all.status).toBe(200);
    const ids = all.body.data.map((c: { customer_id: number }) => c.customer_id);
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
    for (const c of all.body.data) expectCustomerObject(c);
    const total = all.body.pagination.total;
    expect(total).toBe(ids.length);

    const page2 = await api.call('GET', '/api/v1/customers?per_page=2&page=2');
    expect(page2.body.pagination).toEqual({ page: 2, per_page: 2, total, total_pages: Math.ceil(total / 2) });
    expect(page2.body.data.map((c: { customer_id: number }) => c.customer_id)).toEqual(ids.slice(2, 4));

    const beyond = await api.call('GET', '/api/v1/customers?per_page=2&page=99');
    expect(beyond.status).toBe(200);
    expect(beyond.body.data).toEqual([]);
    expect(beyond.body.pagination).toEqual({ page: 99, per_page: 2, total, total_pages: Math.ceil(total / 2) });
  });

  it('filters by created_after, created_before and has_locations', async () => {
    const future = await api.call('GET', '/api/v1/customers?created_after=2999-01-01T00:00:00Z');
    expect(future.body).toMatchObject({ data: [], pagination: { total: 0, total_pages: 0 } });
    const past = await api.call('GET', '/api/v1/customers?created_after=2000-01-01T00:00:00Z&created_before=2999-01-01T00:00:00Z');
    const everyone = await api.call('GET', '/api/v1/customers');
    expect(past.body.data).toEqual(everyone.body.data);
    expect((await api.call('GET', '/api/v1/customers?has_locations=0')).body.data).toEqual(everyone.body.data);
    expect((await api.call('GET', '/api/v1/customers?has_locations=1')).body).toMatchObject({ data: [], pagination: { total: 0 } });
  });
});

describe('seed 000: get a single customer', () => {
  it.each([
    ['seed style', (id: number) => `/api/v1/customers?id=${id}`],
    ['REST', (id: number) => `/api/v1/customers/${id}`],
  ])('%s: data is the 9-field customer object, plus request_id', async (_style, url) => {
    const res = await api.call('GET', url(acmeId));
    expect(res.status).toBe(200);
    expect(Object.keys(res.body)).toEqual(['data', 'request_id']);
    expectCustomerObject(res.body.data);
    expect(res.body.data).toMatchObject({ ...acme, customer_id: acmeId });
    expectRequestId(res);
  });

  it.each([
    ['seed style', (id: number) => `/api/v1/customers?id=${id}&include=locations`],
    ['REST', (id: number) => `/api/v1/customers/${id}?include=locations`],
  ])('%s with include=locations embeds the (empty) locations list', async (_style, url) => {
    const res = await api.call('GET', url(acmeId));
    expect(res.status).toBe(200);
    expect(Object.keys(res.body)).toEqual(['data', 'request_id']);
    const { locations, ...customer } = res.body.data;
    expectCustomerObject(customer);
    expect(locations).toEqual([]);
    expectRequestId(res);
  });

  it('answers both URL styles identically', async () => {
    const seed = await api.call('GET', `/api/v1/customers?id=${acmeId}`);
    const rest = await api.call('GET', `/api/v1/customers/${acmeId}`);
    expect(seed.body.data).toEqual(rest.body.data);
  });

  it.each([`/api/v1/customers?id=999999`, `/api/v1/customers/999999`, '/api/v1/customers/abc', '/api/v1/customers?id=0'])('%s is 404 not_found', async (url) => {
    const res = await api.call('GET', url);
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('not_found');
  });
});

describe('seed 000: update a customer', () => {
  it.each([
    ['seed style', (id: number) => `/api/v1/customers?id=${id}`, 'john.doe@acme.com'],
    ['REST', (id: number) => `/api/v1/customers/${id}`, 'billing@acme.com'],
  ])('%s: PUT {customer_email} returns 200 with success, message, data and request_id', async (_style, url, email) => {
    const before = (await api.call('GET', `/api/v1/customers/${acmeId}`)).body.data;
    const res = await api.call('PUT', url(acmeId), { body: { customer_email: email } });
    expect(res.status).toBe(200);
    expect(Object.keys(res.body)).toEqual(['success', 'message', 'data', 'request_id']);
    expect(res.body).toEqual({
      success: true,
      message: 'Customer updated successfully',
      data: { customer_id: acmeId, customer_name: 'Acme Corporation', customer_number: expect.any(String) },
      request_id: expect.any(String),
    });
    expectRequestId(res);
    const after = (await api.call('GET', `/api/v1/customers/${acmeId}`)).body.data;
    expect(after).toEqual({ ...before, customer_email: email, updated_at: expect.stringMatching(isoUtc) });
    expect(after.updated_at >= before.updated_at).toBe(true);
  });

  it('updates any writable field, normalizing the phone', async () => {
    const res = await api.call('PUT', `/api/v1/customers/${acmeId}`, {
      body: { customer_phone: '555.123.9999', default_sla_hours: 48, tax_exempt: true, tax_exemption_reason: 'Government' },
    });
    expect(res.status).toBe(200);
    expect((await api.call('GET', `/api/v1/customers?id=${acmeId}`)).body.data).toMatchObject({
      customer_phone: '+15551239999',
      default_sla_hours: 48,
      tax_exempt: true,
      tax_exemption_reason: 'Government',
    });
  });

  it('is 404 for an unknown customer in both styles', async () => {
    for (const url of ['/api/v1/customers?id=999999', '/api/v1/customers/999999']) {
      const res = await api.call('PUT', url, { body: { customer_name: 'Nobody' } });
      expect(res.status).toBe(404);
      expect(res.body.error.code).toBe('not_found');
    }
  });

  it("refuses another customer's e-mail with duplicate_customer", async () => {
    const other = await api.call('POST', '/api/v1/customers', {
      body: { ...riverside, customer_email: 'someone@else.example', customer_name: 'Someone' },
    });
    const res = await api.call('PUT', `/api/v1/customers/${other.body.data.customer_id}`, { body: { customer_email: ' BILLING@acme.com ' } });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('duplicate_customer');
  });
});

describe('duplicate e-mail under concurrency', () => {
  it('50 concurrent creates with one e-mail: exactly one 201, 49 duplicate_customer, one customer listed', async () => {
    const variants = ['race@fieldbook.example', 'RACE@Fieldbook.Example', '  race@fieldbook.example ', 'Race@fieldbook.EXAMPLE'];
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        api.call('POST', '/api/v1/customers', {
          body: { customer_name: `Racer ${i}`, customer_email: variants[i % variants.length], customer_phone: '+15550001111', default_sla_hours: 4 },
        }),
      ),
    );
    const statuses = results.map((r) => r.status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.filter((s) => s === 400)).toHaveLength(49);
    for (const r of results.filter((x) => x.status === 400)) {
      expect(r.body.success).toBe(false);
      expect(r.body.error.code).toBe('duplicate_customer');
    }
    const listed = await api.call('GET', '/api/v1/customers?search=racer');
    expect(listed.body.pagination.total).toBe(1);
    expect(listed.body.data).toHaveLength(1);
    const bySearch = await api.call('GET', '/api/v1/customers?search=race@');
    expect(bySearch.body.pagination.total).toBe(1);

    // Ids burned by the losers leave no holes in pages or totals.
    const all = await api.call('GET', '/api/v1/customers?per_page=100');
    expect(all.body.pagination.total).toBe(all.body.data.length);
    const pages = [];
    for (let page = 1; page <= Math.ceil(all.body.pagination.total / 2); page++) {
      const res = await api.call('GET', `/api/v1/customers?per_page=2&page=${page}`);
      pages.push(...res.body.data);
      if (page < res.body.pagination.total_pages) expect(res.body.data).toHaveLength(2);
    }
    expect(pages).toEqual(all.body.data);
  });
});

describe('seed 000: every example response has the documented shape', () => {
  it('create, list (search=Acme), get (both styles), update (both styles)', async () => {
    const created = await api.call('POST', '/api/v1/customers', {
      body: { ...riverside, customer_name: 'Riverside Medical Center', customer_email: 'shape@riverside.example' },
    });
    const seedSummary = ['customer_id', 'customer_name'];
    expect(shapeOf({ ...created.body, data: seedPart(created.body.data, seedSummary) })).toEqual(shapeOf(seedExamples.create));
    expect(created.body.message).toBe(seedExamples.create.message);

    const listed = await api.call('GET', '/api/v1/customers?search=Acme');
    expect(listed.body.data).toHaveLength(1);
    // Acme became tax exempt with a reason above (a string where the seed example has null: the field is string / null).
    expect(typeof listed.body.data[0].tax_exemption_reason).toBe('string');
    const listedAsSeed = { ...listed.body, data: [{ ...seedPart(listed.body.data[0]), tax_exemption_reason: null }] };
    expect(shapeOf(listedAsSeed)).toEqual(shapeOf(seedExamples.list));

    for (const url of [`/api/v1/customers?id=${acmeId}`, `/api/v1/customers/${acmeId}`]) {
      const got = await api.call('GET', url);
      expect(shapeOf({ ...got.body, data: { ...seedPart(got.body.data), tax_exemption_reason: null } })).toEqual(shapeOf(seedExamples.get));
    }
    for (const url of [`/api/v1/customers?id=${acmeId}&include=locations`, `/api/v1/customers/${acmeId}?include=locations`]) {
      const got = await api.call('GET', url);
      const { locations, ...customer } = got.body.data;
      expect(locations).toEqual([]);
      expect(shapeOf({ ...got.body, data: { ...seedPart(customer), tax_exemption_reason: null } })).toEqual(shapeOf(seedExamples.get));
    }

    for (const url of [`/api/v1/customers?id=${acmeId}`, `/api/v1/customers/${acmeId}`]) {
      const updated = await api.call('PUT', url, { body: { customer_email: `shape-${url.length}@acme.com` } });
      expect(shapeOf({ ...updated.body, data: seedPart(updated.body.data, ['customer_id', 'customer_name']) })).toEqual(shapeOf(seedExamples.update));
      expect(updated.body.message).toBe(seedExamples.update.message);
    }
  });
});
