import { QueryCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { store } from '../../lib/store/client.js';
import { customerKeys } from '../../lib/store/keys/customer-keys.js';
import { startTestApi, type TestApi } from '../support/local-api.js';

/**
 * Customer contacts (issue 10, Fentu's contacts) over real HTTP: CRUD, the
 * primary flag's rules, include=contacts on a customer GET, search by a
 * contact's name, e-mail and phone, the trash and erasure, bad input, and
 * cross-customer, cross-tenant and read-only access on every endpoint.
 */

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(() => api.close());

const contactFields = ['contact_id', 'customer_id', 'first_name', 'last_name', 'title', 'email', 'phone', 'mobile', 'role', 'is_primary', 'notes', 'created_at', 'updated_at'];

let n = 0;
async function newCustomer(key?: string): Promise<number> {
  n += 1;
  const res = await api.call('POST', '/api/v1/customers', {
    key,
    body: { customer_name: `Contact Co ${n}`, customer_email: `contactco${n}@example.com`, customer_phone: '+15559876543', default_sla_hours: 24 },
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.data.customer_id;
}

const contactsOf = (c: number) => `/api/v1/customers/${c}/contacts`;
const contactOf = (c: number, id: number) => `/api/v1/customers/${c}/contacts/${id}`;

async function newContact(c: number, body: Record<string, unknown>) {
  const res = await api.call('POST', contactsOf(c), { body });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.data as Record<string, any>;
}

const ids = (list: Record<string, any>[]) => list.map((x) => x.contact_id as number);

describe('contacts', () => {
  it('POST creates a contact: 201, every field, phones in E.164, the first one primary', async () => {
    const c = await newCustomer();
    const res = await api.call('POST', contactsOf(c), {
      body: { first_name: ' Jane ', last_name: 'Doe', title: 'Operations Manager', email: 'jdoe@company.example', phone: '+1-555-222-3333', role: 'decision_maker' },
    });
    expect(res.status).toBe(201);
    expect(Object.keys(res.body)).toEqual(['success', 'message', 'data', 'request_id']);
    expect(res.body).toMatchObject({ success: true, message: 'Contact created successfully' });
    const contact = res.body.data;
    expect(Object.keys(contact)).toEqual(contactFields);
    expect(contact).toMatchObject({
      customer_id: c,
      first_name: 'Jane',
      last_name: 'Doe',
      title: 'Operations Manager',
      email: 'jdoe@company.example',
      phone: '+15552223333',
      mobile: null,
      role: 'decision_maker',
      is_primary: true,
      notes: null,
    });
    expect((await api.call('GET', contactOf(c, contact.contact_id))).body.data).toEqual(contact);
    const minimal = await newContact(c, { last_name: 'Smith', is_primary: false });
    expect(minimal).toMatchObject({ first_name: null, last_name: 'Smith', role: 'other', is_primary: false });
  });

  it('moves the primary flag transactionally: is_primary on create or update, promotion on delete', async () => {
    const c = await newCustomer();
    const a = await newContact(c, { first_name: 'A' });
    const b = await newContact(c, { first_name: 'B', is_primary: true });
    const primaries = async () => (await api.call('GET', `${contactsOf(c)}?per_page=100`)).body.data.filter((x: { is_primary: boolean }) => x.is_primary).map((x: { contact_id: number }) => x.contact_id);
    expect(await primaries()).toEqual([b.contact_id]);
    const d = await newContact(c, { first_name: 'D' });
    const moved = await api.call('PUT', contactOf(c, d.contact_id), { body: { is_primary: true } });
    expect(moved.status).toBe(200);
    expect(moved.body).toMatchObject({ success: true, message: 'Contact updated successfully', data: { is_primary: true } });
    expect(await primaries()).toEqual([d.contact_id]);
    const unset = await api.call('PUT', contactOf(c, d.contact_id), { body: { is_primary: false } });
    expect(unset.status).toBe(400);
    expect(unset.body.error.details[0].field).toBe('is_primary');
    const del = await api.call('DELETE', contactOf(c, d.contact_id));
    expect(del.status).toBe(200);
    expect(del.body).toMatchObject({ success: true, message: 'Contact deleted successfully' });
    // The lowest remaining id is promoted.
    expect(await primaries()).toEqual([a.contact_id]);
    await api.call('DELETE', contactOf(c, a.contact_id));
    expect(await primaries()).toEqual([b.contact_id]);
    await api.call('DELETE', contactOf(c, b.contact_id));
    const empty = await api.call('GET', contactsOf(c));
    expect(empty.body).toMatchObject({ data: [], pagination: { total: 0 } });
    // A new first contact is primary again.
    expect((await newContact(c, { first_name: 'E', is_primary: false })).is_primary).toBe(true);
  });

  it('concurrent creates all land, with exactly one primary and an exact total', async () => {
    const c = await newCustomer();
    await Promise.all(Array.from({ length: 10 }, (_, i) => newContact(c, { first_name: `Burst${i}`, is_primary: i % 3 === 0 })));
    const res = await api.call('GET', `${contactsOf(c)}?per_page=100`);
    expect(res.body.pagination.total).toBe(10);
    expect(res.body.data.filter((x: { is_primary: boolean }) => x.is_primary)).toHaveLength(1);
  });

  it('lists in id order, paginated; include=contacts embeds them all in the customer, primary first', async () => {
    const c = await newCustomer();
    const made = [];
    for (let i = 0; i < 5; i++) made.push(await newContact(c, { first_name: `P${i}`, is_primary: i === 3 }));
    const page = await api.call('GET', `${contactsOf(c)}?page=2&per_page=2`);
    expect(ids(page.body.data)).toEqual(ids(made.slice(2, 4)));
    expect(page.body.pagination).toEqual({ page: 2, per_page: 2, total: 5, total_pages: 3 });
    const withContacts = await api.call('GET', `/api/v1/customers/${c}?include=contacts`);
    expect(withContacts.status).toBe(200);
    expect(withContacts.body.data.locations).toBeUndefined();
    expect(ids(withContacts.body.data.contacts)).toEqual(ids([made[3]!, made[0]!, made[1]!, made[2]!, made[4]!]));
    await api.call('POST', `/api/v1/customers/${c}/locations`, { body: { location_name: 'HQ', address_street: '1 Main St', address_city: 'Austin', address_state: 'TX', address_zip: '78701' } });
    for (const include of ['locations,contacts', 'contacts,locations']) {
      const both = await api.call('GET', `/api/v1/customers/${c}?include=${include}`);
      expect(both.status).toBe(200);
      expect(both.body.data.contacts).toHaveLength(5);
      expect(both.body.data.locations).toHaveLength(1);
      expect(both.body.data.customer_id).toBe(c);
    }
    const locationsOnly = await api.call('GET', `/api/v1/customers/${c}?include=locations`);
    expect(locationsOnly.body.data.contacts).toBeUndefined();
    expect(locationsOnly.body.data.locations).toHaveLength(1);
    expect((await api.call('GET', `/api/v1/customers/${c}?include=notes`)).status).toBe(400);
  });

  it("search finds a customer by its contacts' names, e-mails and phones, and forgets them when they change", async () => {
    const c = await newCustomer();
    const other = await newCustomer();
    const contact = await newContact(c, { first_name: 'Zebulon', last_name: 'Quackenbush', email: 'zq@quackworks.example', phone: '+1 (512) 867-5309', mobile: '+15127771234' });
    const search = async (q: string) => (await api.call('GET', `/api/v1/customers?search=${encodeURIComponent(q)}`)).body.data.map((x: { customer_id: number }) => x.customer_id);
    for (const q of ['zebulon', 'quacken', 'zebulon quackenbush', 'zq@quack', 'quackworks.example', '867-5309', '5128675309', '5127771234', '1234']) {
      expect(await search(q), q).toEqual([c]);
    }
    expect(await search(`contact co ${c - other + other}`)).toContain(c);
    await api.call('PUT', contactOf(c, contact.contact_id), { body: { first_name: 'Zachariah' } });
    expect(await search('zebulon')).toEqual([]);
    expect(await search('zachariah')).toEqual([c]);
    await api.call('DELETE', contactOf(c, contact.contact_id));
    expect(await search('quackenbush')).toEqual([]);
  });

  it('a trashed customer is not found through its contacts; restore brings them back; purge erases contacts and their terms', async () => {
    const c = await newCustomer();
    const contact = await newContact(c, { first_name: 'Trashable', last_name: 'Person', email: 'trashable@ghosts.example' });
    const search = async (q: string) => (await api.call('GET', `/api/v1/customers?search=${encodeURIComponent(q)}`)).body;
    expect((await search('trashable')).pagination.total).toBe(1);
    expect((await api.call('DELETE', `/api/v1/customers/${c}`)).status).toBe(200);
    expect(await search('trashable')).toMatchObject({ data: [], pagination: { total: 0 } });
    for (const [method, path, body] of [
      ['GET', contactsOf(c), undefined],
      ['POST', contactsOf(c), { first_name: 'x' }],
      ['GET', contactOf(c, contact.contact_id), undefined],
      ['PUT', contactOf(c, contact.contact_id), { first_name: 'x' }],
      ['DELETE', contactOf(c, contact.contact_id), undefined],
    ] as const) {
      const r = await api.call(method, path, { body });
      expect(r.status, `${method} ${path}`).toBe(404);
      expect(r.body.error.message).toBe('Customer not found');
    }
    expect((await api.call('POST', `/api/v1/customers/${c}/restore`)).status).toBe(200);
    expect((await search('trashable')).data.map((x: { customer_id: number }) => x.customer_id)).toEqual([c]);
    expect((await api.call('GET', contactOf(c, contact.contact_id))).body.data).toEqual(contact);

    await api.call('DELETE', `/api/v1/customers/${c}`);
    expect((await api.call('DELETE', `/api/v1/customers/${c}?purge=1`)).status).toBe(200);
    const left = await store().doc.send(
      new QueryCommand({ TableName: store().tableName, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': customerKeys.collection('acme', c) } }),
    );
    expect(left.Items).toEqual([]);
    const terms = await store().doc.send(new ScanCommand({ TableName: store().tableName, FilterExpression: 'entity = :e', ExpressionAttributeValues: { ':e': 'contact_term' } }));
    expect((terms.Items ?? []).filter((t) => String(t.sk).includes(`#${String(c).padStart(10, '0')}#CT#`))).toEqual([]);
  });

  it('bad input is a 400 naming the field', async () => {
    const c = await newCustomer();
    const contact = await newContact(c, { first_name: 'Valid' });
    const cases: [string, unknown, string][] = [
      ['POST', {}, 'first_name'],
      ['POST', { title: 'Boss' }, 'first_name'],
      ['POST', { first_name: '' }, 'first_name'],
      ['POST', { first_name: 'x'.repeat(101) }, 'first_name'],
      ['POST', { last_name: 7 }, 'last_name'],
      ['POST', { first_name: 'x', email: 'not-an-email' }, 'email'],
      ['POST', { first_name: 'x', phone: '12' }, 'phone'],
      ['POST', { first_name: 'x', mobile: 'call me' }, 'mobile'],
      ['POST', { first_name: 'x', role: 'boss' }, 'role'],
      ['POST', { first_name: 'x', is_primary: 'yes' }, 'is_primary'],
      ['POST', { first_name: 'x', notes: 'n'.repeat(2001) }, 'notes'],
      ['POST', { first_name: 'x', contact_id: 5 }, 'contact_id'],
      ['POST', { first_name: 'x', name: 'Fentu style' }, 'name'],
      ['PUT', { first_name: null }, 'first_name'],
      ['PUT', { role: 'ceo' }, 'role'],
      ['PUT', { first_name: 'New', contact_id: contact.contact_id + 1 }, 'contact_id'],
    ];
    for (const [method, body, field] of cases) {
      const r = await api.call(method, method === 'POST' ? contactsOf(c) : contactOf(c, contact.contact_id), { body });
      expect(r.status, JSON.stringify(body).slice(0, 80)).toBe(400);
      expect(r.body.error.code).toBe('validation_failed');
      expect(r.body.error.details.map((d: { field: string }) => d.field), JSON.stringify(body).slice(0, 80)).toContain(field);
    }
    expect((await api.call('GET', contactOf(c, contact.contact_id))).body.data).toEqual(contact);
  });

  it('a customer has at most 50 contacts: the 51st is a 409', async () => {
    const c = await newCustomer();
    for (let i = 0; i < 50; i += 10) await Promise.all(Array.from({ length: 10 }, (_, k) => newContact(c, { first_name: `Many${i + k}` })));
    const over = await api.call('POST', contactsOf(c), { body: { first_name: 'One too many' } });
    expect(over.status).toBe(409);
    expect(over.body.error.code).toBe('conflict');
    expect((await api.call('GET', contactsOf(c))).body.pagination.total).toBe(50);
    expect((await api.call('GET', `/api/v1/customers/${c}?include=contacts`)).body.data.contacts).toHaveLength(50);
  });

  it("a contact is 404 through another customer's URL and another tenant's key; a read-only key cannot write", async () => {
    const owner = await newCustomer();
    const other = await newCustomer();
    const contact = await newContact(owner, { first_name: 'Owned' });
    expect((await api.call('GET', contactOf(other, contact.contact_id))).status).toBe(404);
    expect((await api.call('PUT', contactOf(other, contact.contact_id), { body: { first_name: 'Hijack' } })).status).toBe(404);
    const del = await api.call('DELETE', contactOf(other, contact.contact_id));
    expect(del.status).toBe(404);
    expect(del.body.error.message).toBe('Contact not found');
    const foreign = { key: api.otherTenantKey };
    expect((await api.call('GET', contactsOf(owner), foreign)).status).toBe(404);
    expect((await api.call('POST', contactsOf(owner), { ...foreign, body: { first_name: 'x' } })).status).toBe(404);
    expect((await api.call('GET', contactOf(owner, contact.contact_id), foreign)).status).toBe(404);
    expect((await api.call('PUT', contactOf(owner, contact.contact_id), { ...foreign, body: { first_name: 'x' } })).status).toBe(404);
    expect((await api.call('DELETE', contactOf(owner, contact.contact_id), foreign)).status).toBe(404);
    expect((await api.call('GET', `/api/v1/customers/${owner}?include=contacts`, foreign)).status).toBe(404);
    const ro = { key: api.readKey };
    expect((await api.call('GET', contactsOf(owner), ro)).status).toBe(200);
    expect((await api.call('GET', contactOf(owner, contact.contact_id), ro)).status).toBe(200);
    for (const [method, path] of [
      ['POST', contactsOf(owner)],
      ['PUT', contactOf(owner, contact.contact_id)],
      ['DELETE', contactOf(owner, contact.contact_id)],
    ] as const) {
      const r = await api.call(method, path, { ...ro, body: method === 'DELETE' ? undefined : { first_name: 'x' } });
      expect(r.status, method).toBe(403);
    }
    expect((await api.call('GET', contactOf(owner, contact.contact_id))).body.data).toEqual(contact);
    expect((await api.call('GET', contactsOf(owner))).body.pagination.total).toBe(1);
  });
});
