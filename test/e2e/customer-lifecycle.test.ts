import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, type TestApi } from '../support/local-api.js';

/**
 * Issue 9 over HTTP on the local server (every response is also checked
 * against the OpenAPI document by api.call): the richer customer record,
 * customer_number, trash / restore / purge, bulk deactivate / reactivate,
 * both URL styles, tenancy and read-only keys.
 */
let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(() => api.close());

let seq = 0;
const base = () => {
  seq += 1;
  return { customer_name: `Pool Client ${seq}`, customer_email: `client${seq}@pools.example`, customer_phone: `+1555200${String(seq).padStart(4, '0')}`, default_sla_hours: 24 };
};
async function create(extra: Record<string, unknown> = {}): Promise<{ customer_id: number; customer_number: string }> {
  const res = await api.call('POST', '/api/v1/customers', { body: { ...base(), ...extra } });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.data;
}

const rich = {
  customer_number: 'FEN-0042',
  customer_type: 'commercial',
  status: 'active',
  first_name: 'Maria',
  last_name: 'Lopez',
  company_name: 'Blue Lagoon Pools LLC',
  display_as_company: true,
  is_lead: true,
  lead_source: 'Google Ads',
  billing_address: { street: '500 Commerce St', city: 'Dallas', state: 'tx', zip: '75202' },
  payment_terms: 'net30',
  tax_id: '12-3456789',
  website: 'https://bluelagoon.example',
  account_credit: 1234.56,
  notes: 'Gate code 4411.\nDog in the back yard.',
  phones: [
    { number: '(214) 555-0199', label: 'mobile', sms_opt_in: true },
    { number: '+12145550200', label: 'work' },
  ],
  emails: [{ address: 'billing@bluelagoon.example', label: 'billing', is_billing: true }, { address: 'maria@home.example' }],
  custom_fields: { 'Pool volume': '20000 gal', gate: '4411' },
};

describe('the richer customer record', () => {
  it('stores every field, shows them after seed 000 nine, and normalizes like the seed fields', async () => {
    const { customer_id, customer_number } = await create(rich);
    expect(customer_number).toBe('FEN-0042');
    const res = await api.call('GET', `/api/v1/customers/${customer_id}`);
    expect(res.status).toBe(200);
    const c = res.body.data;
    expect(Object.keys(c).slice(0, 9)).toEqual([
      'customer_id', 'customer_name', 'customer_email', 'customer_phone', 'default_sla_hours', 'tax_exempt', 'tax_exemption_reason', 'created_at', 'updated_at',
    ]);
    expect(c).toMatchObject({
      ...rich,
      billing_address: { street: '500 Commerce St', street2: null, city: 'Dallas', state: 'TX', zip: '75202' },
      phones: [
        { number: '+12145550199', label: 'mobile', sms_opt_in: true },
        { number: '+12145550200', label: 'work', sms_opt_in: false },
      ],
      emails: [
        { address: 'billing@bluelagoon.example', label: 'billing', is_billing: true },
        { address: 'maria@home.example', label: 'other', is_billing: false },
      ],
      deleted_at: null,
    });
    // Money comes back exactly as sent.
    expect(JSON.stringify(c)).toContain('"account_credit":1234.56');
  });

  it('defaults every new field on a seed-000 create, and assigns C-1000n numbers', async () => {
    const a = await create();
    const b = await create();
    expect(a.customer_number).toMatch(/^C-1\d{4}$/);
    expect(Number(b.customer_number.slice(2))).toBe(Number(a.customer_number.slice(2)) + 1);
    const c = (await api.call('GET', `/api/v1/customers?id=${a.customer_id}`)).body.data;
    expect(c).toMatchObject({
      customer_type: 'residential', status: 'active', first_name: null, company_name: null, display_as_company: false, is_lead: false,
      billing_address: null, payment_terms: null, account_credit: 0, phones: [], emails: [], custom_fields: {}, deleted_at: null,
    });
  });

  it('converts a lead and updates nested fields with a PUT, in both URL styles', async () => {
    const { customer_id } = await create({ is_lead: true, lead_source: 'Referral' });
    let res = await api.call('PUT', `/api/v1/customers?id=${customer_id}`, { body: { is_lead: false, payment_terms: 'net15', custom_fields: { branch: 'North' } } });
    expect(res.status).toBe(200);
    res = await api.call('PUT', `/api/v1/customers/${customer_id}`, { body: { phones: [{ number: '+12025550111', label: 'home' }] } });
    expect(res.status).toBe(200);
    const c = (await api.call('GET', `/api/v1/customers/${customer_id}`)).body.data;
    expect(c).toMatchObject({ is_lead: false, lead_source: 'Referral', payment_terms: 'net15', custom_fields: { branch: 'North' }, phones: [{ number: '+12025550111', label: 'home', sms_opt_in: false }] });
  });

  it.each([
    ['customer_number', { customer_number: '#1' }, 'customer_number'],
    ['customer_type', { customer_type: 'industrial' }, 'customer_type'],
    ['status', { status: 'deleted' }, 'status'],
    ['first_name', { first_name: 'x'.repeat(101) }, 'first_name'],
    ['last_name', { last_name: '' }, 'last_name'],
    ['company_name', { company_name: 5 }, 'company_name'],
    ['display_as_company', { display_as_company: 'yes' }, 'display_as_company'],
    ['is_lead', { is_lead: 1 }, 'is_lead'],
    ['lead_source', { lead_source: 'x'.repeat(101) }, 'lead_source'],
    ['billing_address.zip', { billing_address: { street: '1 A St', city: 'B', state: 'TX', zip: '7520' } }, 'billing_address.zip'],
    ['billing_address.state', { billing_address: { street: '1 A St', city: 'B', state: 'ZZ', zip: '75201' } }, 'billing_address.state'],
    ['billing_address unknown key', { billing_address: { street: '1 A St', city: 'B', state: 'TX', zip: '75201', country: 'US' } }, 'billing_address.country'],
    ['payment_terms', { payment_terms: 'net90' }, 'payment_terms'],
    ['tax_id', { tax_id: 'x'.repeat(41) }, 'tax_id'],
    ['website', { website: 'ftp://files.example' }, 'website'],
    ['account_credit decimals', { account_credit: 10.005 }, 'account_credit'],
    ['account_credit negative', { account_credit: -1 }, 'account_credit'],
    ['notes', { notes: 'x'.repeat(5001) }, 'notes'],
    ['phones count', { phones: Array.from({ length: 6 }, () => ({ number: '+12025550100' })) }, 'phones'],
    ['phones number', { phones: [{ number: 'call me' }] }, 'phones.0.number'],
    ['phones label', { phones: [{ number: '+12025550100', label: 'pager' }] }, 'phones.0.label'],
    ['emails address', { emails: [{ address: 'not-an-email' }] }, 'emails.0.address'],
    ['emails twice', { emails: [{ address: 'a@b.example' }, { address: 'A@b.example' }] }, 'emails'],
    ['custom_fields key', { custom_fields: { 'bad#key': 'v' } }, 'custom_fields.bad#key'],
    ['custom_fields value', { custom_fields: { gate: 'x'.repeat(501) } }, 'custom_fields.gate'],
    ['custom_fields count', { custom_fields: Object.fromEntries(Array.from({ length: 26 }, (_, i) => [`k${i}`, 'v'])) }, 'custom_fields'],
    ['deleted_at', { deleted_at: '2026-01-01T00:00:00Z' }, 'deleted_at'],
  ])('a bad %s answers 400 naming it', async (_what, extra, field) => {
    const res = await api.call('POST', '/api/v1/customers', { body: { ...base(), ...extra } });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('validation_failed');
    expect(res.body.error.details.map((d: { field: string }) => d.field)).toContain(field);
  });

  it('names the offending custom_fields key', async () => {
    const res = await api.call('POST', '/api/v1/customers', { body: { ...base(), custom_fields: { good: 'v', 'bad#key': 'v' } } });
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.body.error)).toContain('bad#key');
  });
});

describe('customer_number', () => {
  it('is unique per tenant, case-insensitively, and found by exact match (trashed ones only with include_deleted)', async () => {
    const { customer_id } = await create({ customer_number: 'KS-7781' });
    const dup = await api.call('POST', '/api/v1/customers', { body: { ...base(), customer_number: 'ks-7781' } });
    expect(dup.status).toBe(400);
    expect(dup.body.error).toMatchObject({ code: 'duplicate_customer', details: [{ field: 'customer_number' }] });
    const found = await api.call('GET', '/api/v1/customers?customer_number=KS-7781');
    expect(found.body.data.map((c: { customer_id: number }) => c.customer_id)).toEqual([customer_id]);
    expect(found.body.pagination.total).toBe(1);
    expect((await api.call('GET', '/api/v1/customers?customer_number=ks-7781')).body.pagination.total).toBe(1);
    expect((await api.call('GET', '/api/v1/customers?customer_number=KS-778')).body.pagination.total).toBe(0);
    expect((await api.call('DELETE', `/api/v1/customers/${customer_id}`)).status).toBe(200);
    expect((await api.call('GET', '/api/v1/customers?customer_number=KS-7781')).body.pagination.total).toBe(0);
    const withTrash = await api.call('GET', '/api/v1/customers?customer_number=KS-7781&include_deleted=1');
    expect(withTrash.body.data[0]).toMatchObject({ customer_id, deleted_at: expect.any(String) });
    // Still reserved while in the trash.
    expect((await api.call('POST', '/api/v1/customers', { body: { ...base(), customer_number: 'KS-7781' } })).status).toBe(400);
  });

  it('assigned numbers skip numbers given by hand', async () => {
    const probe = await create();
    const next = Number(probe.customer_number.slice(2)) + 1;
    await create({ customer_number: `C-${next}` });
    const assigned = await create();
    expect(assigned.customer_number).not.toBe(`C-${next}`);
    expect(Number(assigned.customer_number.slice(2))).toBeGreaterThan(next);
  });

  it('moves with an update, and a taken number is refused', async () => {
    const a = await create();
    const b = await create();
    expect((await api.call('PUT', `/api/v1/customers/${a.customer_id}`, { body: { customer_number: 'NEW-1' } })).status).toBe(200);
    expect((await api.call('GET', '/api/v1/customers?customer_number=NEW-1')).body.data[0].customer_id).toBe(a.customer_id);
    // The old number is free again.
    expect((await api.call('PUT', `/api/v1/customers/${b.customer_id}`, { body: { customer_number: a.customer_number } })).status).toBe(200);
    const taken = await api.call('PUT', `/api/v1/customers/${b.customer_id}`, { body: { customer_number: 'new-1' } });
    expect(taken.status).toBe(400);
    expect(taken.body.error.code).toBe('duplicate_customer');
  });
});

describe('search reaches the new fields', () => {
  it('by number, company, first and last name, extra phones and extra e-mails', async () => {
    const { customer_id } = await create({
      customer_number: 'ZX-99123',
      company_name: 'Quasar Aquatics',
      first_name: 'Ingrid',
      last_name: 'Vasquez-Holt',
      phones: [{ number: '+13125557788' }],
      emails: [{ address: 'accounts@quasar-pay.example' }],
    });
    for (const q of ['zx-991', '99123', 'quasar', 'aquatics', 'ingrid', 'holt', '3125557788', '7788', 'accounts@quasar', 'accounts@quasar-pay.example']) {
      const res = await api.call('GET', `/api/v1/customers?search=${encodeURIComponent(q)}`);
      expect(res.body.data.map((c: { customer_id: number }) => c.customer_id), q).toContain(customer_id);
    }
  });
});

describe('trash, restore, purge', () => {
  it('DELETE moves a customer and its locations to the trash; restore brings it back intact', async () => {
    const { customer_id } = await create({ company_name: 'Trashable Co' });
    const loc = await api.call('POST', `/api/v1/customers/${customer_id}/locations`, {
      body: { location_name: 'HQ', address_street: '1 Main St', address_city: 'Austin', address_state: 'TX', address_zip: '78701' },
    });
    expect(loc.status).toBe(201);
    const before = await api.call('GET', '/api/v1/customers?per_page=100');
    const del = await api.call('DELETE', `/api/v1/customers?id=${customer_id}`);
    expect(del.status).toBe(200);
    expect(del.body).toMatchObject({ success: true, message: 'Customer moved to trash', request_id: expect.any(String) });
    // Gone from GET, lists, searches and its locations' routes.
    for (const path of [`/api/v1/customers/${customer_id}`, `/api/v1/customers/${customer_id}/locations`, `/api/v1/customers/${customer_id}/locations/${loc.body.data.location_id}`]) {
      expect((await api.call('GET', path)).status, path).toBe(404);
    }
    expect((await api.call('DELETE', `/api/v1/customers/${customer_id}`)).status).toBe(404);
    expect((await api.call('PUT', `/api/v1/customers/${customer_id}`, { body: { notes: 'x' } })).status).toBe(404);
    const after = await api.call('GET', '/api/v1/customers?per_page=100');
    expect(after.body.pagination.total).toBe(before.body.pagination.total - 1);
    expect(after.body.data.map((c: { customer_id: number }) => c.customer_id)).not.toContain(customer_id);
    expect((await api.call('GET', '/api/v1/customers?search=trashable')).body.pagination.total).toBe(0);
    expect((await api.call('GET', '/api/v1/customers?has_locations=1')).body.data.map((c: { customer_id: number }) => c.customer_id)).not.toContain(customer_id);
    // Shown with include_deleted, with its deleted_at.
    const seedStyle = await api.call('GET', `/api/v1/customers?id=${customer_id}&include_deleted=1`);
    expect(seedStyle.status).toBe(200);
    expect(seedStyle.body.data.deleted_at).not.toBeNull();
    const shown = await api.call('GET', `/api/v1/customers/${customer_id}?include_deleted=1&include=locations`);
    expect(shown.status).toBe(200);
    expect(shown.body.data).toMatchObject({ customer_id, deleted_at: expect.stringMatching(/Z$/), locations: [{ location_name: 'HQ' }] });
    const listed = await api.call('GET', '/api/v1/customers?include_deleted=1&per_page=100');
    // Every customer not erased: the live ones and the trashed ones (this and earlier tests').
    const inTrash = listed.body.data.filter((c: { deleted_at: string | null }) => c.deleted_at !== null).length;
    expect(listed.body.pagination.total).toBe(after.body.pagination.total + inTrash);
    expect(listed.body.data.find((c: { customer_id: number }) => c.customer_id === customer_id).deleted_at).not.toBeNull();

    const restored = await api.call('POST', `/api/v1/customers/${customer_id}/restore`);
    expect(restored.status).toBe(200);
    expect(restored.body).toMatchObject({ success: true, message: 'Customer restored successfully', data: { customer_id, deleted_at: null, company_name: 'Trashable Co' } });
    expect((await api.call('GET', `/api/v1/customers/${customer_id}/locations`)).body.pagination.total).toBe(1);
    expect((await api.call('GET', '/api/v1/customers?search=trashable')).body.pagination.total).toBe(1);
    expect((await api.call('GET', '/api/v1/customers?per_page=100')).body.pagination.total).toBe(before.body.pagination.total);
    const again = await api.call('POST', `/api/v1/customers/${customer_id}/restore`);
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('conflict');
  });

  it('purge=1 erases a trashed customer, refuses a live one, and frees its e-mail and number', async () => {
    const body = { ...base(), customer_number: 'PURGE-1' };
    const { customer_id } = (await api.call('POST', '/api/v1/customers', { body })).body.data;
    const live = await api.call('DELETE', `/api/v1/customers/${customer_id}?purge=1`);
    expect(live.status).toBe(409);
    expect(live.body.error.code).toBe('conflict');
    expect((await api.call('DELETE', `/api/v1/customers/${customer_id}`)).status).toBe(200);
    const purged = await api.call('DELETE', `/api/v1/customers?id=${customer_id}&purge=1`);
    expect(purged.status).toBe(200);
    expect(purged.body).toMatchObject({ success: true, message: 'Customer erased permanently' });
    expect((await api.call('GET', `/api/v1/customers/${customer_id}?include_deleted=1`)).status).toBe(404);
    expect((await api.call('POST', `/api/v1/customers/${customer_id}/restore`)).status).toBe(404);
    // Its e-mail and number can be used again.
    expect((await api.call('POST', '/api/v1/customers', { body })).status).toBe(201);
  });

  it('bad flags answer 400', async () => {
    expect((await api.call('DELETE', '/api/v1/customers/1?purge=yes')).status).toBe(400);
    expect((await api.call('GET', '/api/v1/customers?include_deleted=2')).status).toBe(400);
    const combined = await api.call('GET', '/api/v1/customers?include_deleted=1&search=pool');
    expect(combined.status).toBe(400);
    expect(combined.body.error.details[0].field).toBe('include_deleted');
  });
});

describe('bulk deactivate and reactivate', () => {
  it('answers per id and the status filter separates them', async () => {
    const a = await create();
    const b = await create({ status: 'inactive' });
    const trashed = await create();
    await api.call('DELETE', `/api/v1/customers/${trashed.customer_id}`);
    const inactiveBefore = (await api.call('GET', '/api/v1/customers?status=inactive')).body.pagination.total;
    const res = await api.call('POST', '/api/v1/customers/deactivate', { body: { ids: [a.customer_id, b.customer_id, trashed.customer_id, 999999, a.customer_id] } });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      success: true,
      data: {
        results: [
          { customer_id: a.customer_id, result: 'done' },
          { customer_id: b.customer_id, result: 'already' },
          { customer_id: trashed.customer_id, result: 'not_found' },
          { customer_id: 999999, result: 'not_found' },
        ],
      },
    });
    // Inactive customers stay listable and gettable.
    expect((await api.call('GET', `/api/v1/customers/${a.customer_id}`)).body.data.status).toBe('inactive');
    const inactive = await api.call('GET', '/api/v1/customers?status=inactive&per_page=100');
    expect(inactive.body.pagination.total).toBe(inactiveBefore + 1);
    expect(inactive.body.data.map((c: { customer_id: number }) => c.customer_id)).toEqual(expect.arrayContaining([a.customer_id, b.customer_id]));
    const active = await api.call('GET', '/api/v1/customers?status=active&per_page=100');
    expect(active.body.data.every((c: { status: string }) => c.status === 'active')).toBe(true);
    const all = (await api.call('GET', '/api/v1/customers')).body.pagination.total;
    expect(active.body.pagination.total + inactive.body.pagination.total).toBe(all);

    const back = await api.call('POST', '/api/v1/customers/reactivate', { body: { ids: [a.customer_id] } });
    expect(back.body.data.results).toEqual([{ customer_id: a.customer_id, result: 'done' }]);
    expect((await api.call('GET', '/api/v1/customers?status=inactive')).body.pagination.total).toBe(inactiveBefore);
  });

  it('validates the ids', async () => {
    for (const body of [{}, { ids: [] }, { ids: Array.from({ length: 101 }, (_, i) => i + 1) }, { ids: [0] }, { ids: ['1'] }, { ids: [1], extra: true }]) {
      const res = await api.call('POST', '/api/v1/customers/deactivate', { body });
      expect(res.status, JSON.stringify(body)).toBe(400);
    }
  });
});

describe('tenancy and scopes of the new endpoints', () => {
  it("another tenant's customer is 404 to every new endpoint, and nothing changes", async () => {
    const { customer_id } = await create({ customer_number: 'ISO-1' });
    const other = { key: api.otherTenantKey };
    expect((await api.call('DELETE', `/api/v1/customers/${customer_id}`, other)).status).toBe(404);
    expect((await api.call('DELETE', `/api/v1/customers/${customer_id}?purge=1`, other)).status).toBe(404);
    expect((await api.call('POST', `/api/v1/customers/${customer_id}/restore`, other)).status).toBe(404);
    expect((await api.call('GET', `/api/v1/customers/${customer_id}?include_deleted=1`, other)).status).toBe(404);
    expect((await api.call('GET', '/api/v1/customers?customer_number=ISO-1', other)).body.pagination.total).toBe(0);
    const bulk = await api.call('POST', '/api/v1/customers/deactivate', { ...other, body: { ids: [customer_id] } });
    expect(bulk.body.data.results).toEqual([{ customer_id, result: 'not_found' }]);
    expect((await api.call('GET', `/api/v1/customers/${customer_id}`)).body.data).toMatchObject({ status: 'active', deleted_at: null });
  });

  it('a read-only key is refused by every new write endpoint (403), and may read with include_deleted', async () => {
    const { customer_id } = await create();
    const ro = { key: api.readKey };
    expect((await api.call('DELETE', `/api/v1/customers/${customer_id}`, ro)).status).toBe(403);
    expect((await api.call('POST', `/api/v1/customers/${customer_id}/restore`, ro)).status).toBe(403);
    expect((await api.call('POST', '/api/v1/customers/deactivate', { ...ro, body: { ids: [customer_id] } })).status).toBe(403);
    expect((await api.call('POST', '/api/v1/customers/reactivate', { ...ro, body: { ids: [customer_id] } })).status).toBe(403);
    expect((await api.call('GET', `/api/v1/customers/${customer_id}?include_deleted=1`, ro)).status).toBe(200);
    expect((await api.call('GET', `/api/v1/customers/${customer_id}`)).body.data.deleted_at).toBeNull();
  });
});
