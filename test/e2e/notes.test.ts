import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { store } from '../../lib/store/client.js';
import { customerKeys } from '../../lib/store/keys/customer-keys.js';
import { startTestApi, type TestApi } from '../support/local-api.js';

/**
 * Customer notes (issue 10, Kickserv's notes) over real HTTP: CRUD, list
 * order (pinned first, then newest first) with exact totals, the author, bad
 * input, and — unlike Kickserv — no note reachable through another
 * customer's URL or another tenant's key. Every response is checked against
 * the OpenAPI document by the test API.
 */

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(() => api.close());

const noteFields = ['note_id', 'customer_id', 'body', 'pinned', 'author', 'created_at', 'updated_at'];
const isoSeconds = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;

let n = 0;
async function newCustomer(key?: string): Promise<number> {
  n += 1;
  const res = await api.call('POST', '/api/v1/customers', {
    key,
    body: { customer_name: `Notes Co ${n}`, customer_email: `notes${n}@example.com`, customer_phone: '+15559876543', default_sla_hours: 24 },
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.data.customer_id;
}

const notesOf = (c: number) => `/api/v1/customers/${c}/notes`;
const noteOf = (c: number, id: number) => `/api/v1/customers/${c}/notes/${id}`;

async function newNote(c: number, body: Record<string, unknown>, key?: string) {
  const res = await api.call('POST', notesOf(c), { body, key });
  expect(res.status).toBe(201);
  return res.body.data as Record<string, any>;
}

describe('notes', () => {
  it('POST creates a note: 201, write envelope, the key as author, unpinned by default', async () => {
    const c = await newCustomer();
    const res = await api.call('POST', notesOf(c), { body: { body: '  All sales NET-30  ' } });
    expect(res.status).toBe(201);
    expect(Object.keys(res.body)).toEqual(['success', 'message', 'data', 'request_id']);
    expect(res.body).toMatchObject({ success: true, message: 'Note created successfully' });
    const note = res.body.data;
    expect(Object.keys(note)).toEqual(noteFields);
    expect(note).toMatchObject({ customer_id: c, body: 'All sales NET-30', pinned: false, author: { key_id: expect.stringMatching(/^[0-9a-f]{12}$/), name: 'rw' } });
    expect(note.created_at).toMatch(isoSeconds);
    expect(note.updated_at).toBe(note.created_at);
    const got = await api.call('GET', noteOf(c, note.note_id));
    expect(got.status).toBe(200);
    expect(Object.keys(got.body)).toEqual(['data', 'request_id']);
    expect(got.body.data).toEqual(note);
  });

  it('lists pinned notes first, then newest first, paginated with an exact total', async () => {
    const c = await newCustomer();
    const made = [];
    for (let i = 1; i <= 7; i++) made.push(await newNote(c, { body: `note ${i}`, pinned: i === 2 || i === 5 }));
    const ids = (m: Record<string, any>[]) => m.map((x) => x.note_id);
    const expected = [made[4]!, made[1]!, made[6]!, made[5]!, made[3]!, made[2]!, made[0]!];
    const all = await api.call('GET', `${notesOf(c)}?per_page=100`);
    expect(all.status).toBe(200);
    expect(Object.keys(all.body)).toEqual(['data', 'pagination', 'request_id']);
    expect(ids(all.body.data)).toEqual(ids(expected));
    expect(all.body.pagination).toEqual({ page: 1, per_page: 100, total: 7, total_pages: 1 });
    const page2 = await api.call('GET', `${notesOf(c)}?page=2&per_page=3`);
    expect(ids(page2.body.data)).toEqual(ids(expected.slice(3, 6)));
    expect(page2.body.pagination).toEqual({ page: 2, per_page: 3, total: 7, total_pages: 3 });
    const past = await api.call('GET', `${notesOf(c)}?page=9&per_page=3`);
    expect(past.body.data).toEqual([]);
    expect(past.body.pagination.total).toBe(7);

    // Pinning moves a note to the front; unpinning sends it back to its date.
    const pinned = await api.call('PUT', noteOf(c, made[0]!.note_id), { body: { pinned: true } });
    expect(pinned.status).toBe(200);
    expect(pinned.body).toMatchObject({ success: true, message: 'Note updated successfully', data: { pinned: true, body: 'note 1' } });
    expect(ids((await api.call('GET', `${notesOf(c)}?per_page=3`)).body.data)).toEqual(ids([made[4]!, made[1]!, made[0]!]));
    await api.call('PUT', noteOf(c, made[4]!.note_id), { body: { pinned: false } });
    expect(ids((await api.call('GET', `${notesOf(c)}?per_page=100`)).body.data)).toEqual(ids([made[1]!, made[0]!, made[6]!, made[5]!, made[4]!, made[3]!, made[2]!]));

    // Deleting keeps the total exact.
    const del = await api.call('DELETE', noteOf(c, made[3]!.note_id));
    expect(del.status).toBe(200);
    expect(Object.keys(del.body)).toEqual(['success', 'message', 'request_id']);
    expect(del.body).toMatchObject({ success: true, message: 'Note deleted successfully' });
    expect((await api.call('GET', noteOf(c, made[3]!.note_id))).status).toBe(404);
    expect((await api.call('DELETE', noteOf(c, made[3]!.note_id))).status).toBe(404);
    expect((await api.call('GET', notesOf(c))).body.pagination.total).toBe(6);
  });

  it('a customer without notes lists none; an unknown customer is 404', async () => {
    const c = await newCustomer();
    const res = await api.call('GET', notesOf(c));
    expect(res.body).toMatchObject({ data: [], pagination: { page: 1, per_page: 50, total: 0, total_pages: 0 } });
    for (const [method, path, body] of [
      ['GET', notesOf(999999), undefined],
      ['POST', notesOf(999999), { body: 'x' }],
      ['GET', noteOf(999999, 1), undefined],
      ['PUT', noteOf(999999, 1), { body: 'x' }],
      ['DELETE', noteOf(999999, 1), undefined],
    ] as const) {
      const r = await api.call(method, path, { body });
      expect(r.status, `${method} ${path}`).toBe(404);
      expect(r.body.error).toMatchObject({ code: 'not_found', message: 'Customer not found' });
    }
    const missing = await api.call('GET', noteOf(c, 999999));
    expect(missing.status).toBe(404);
    expect(missing.body.error).toMatchObject({ code: 'not_found', message: 'Note not found' });
    expect((await api.call('GET', `/api/v1/customers/${c}/notes/abc`)).body.error.message).toBe('Note not found');
  });

  it('PUT changes body and pin, restating changes nothing, read-only fields must match', async () => {
    const c = await newCustomer();
    const note = await newNote(c, { body: 'first' });
    const same = await api.call('PUT', noteOf(c, note.note_id), { body: note });
    expect(same.status, JSON.stringify(same.body)).toBe(200);
    expect(same.body.data).toEqual(note);
    const changed = await api.call('PUT', noteOf(c, note.note_id), { body: { ...note, body: 'second' } });
    expect(changed.status).toBe(200);
    expect(changed.body.data).toMatchObject({ body: 'second', note_id: note.note_id, author: note.author, created_at: note.created_at });
    for (const [field, value] of [
      ['author', { key_id: 'aaaaaaaaaaaa', name: 'someone' }],
      ['note_id', note.note_id + 1],
      ['customer_id', c + 1],
      ['created_at', '2020-01-01T00:00:00Z'],
    ] as const) {
      const r = await api.call('PUT', noteOf(c, note.note_id), { body: { body: 'third', [field]: value } });
      expect(r.status, field).toBe(400);
      expect(r.body.error.code).toBe('validation_failed');
      expect(r.body.error.details.map((d: { field: string }) => d.field)).toContain(field);
    }
    expect((await api.call('GET', noteOf(c, note.note_id))).body.data.body).toBe('second');
  });

  it('bad input is a 400 naming the field', async () => {
    const c = await newCustomer();
    const note = await newNote(c, { body: 'ok' });
    const cases: [string, unknown, string][] = [
      ['POST', {}, 'body'],
      ['POST', { body: '' }, 'body'],
      ['POST', { body: '   ' }, 'body'],
      ['POST', { body: 'x'.repeat(10_001) }, 'body'],
      ['POST', { body: 42 }, 'body'],
      ['POST', { body: 'x', pinned: 'yes' }, 'pinned'],
      ['POST', { body: 'x', author: { key_id: 'a', name: 'b' } }, 'author'],
      ['POST', { body: 'x', extra: 1 }, 'extra'],
      ['PUT', {}, 'body'],
      ['PUT', { body: null }, 'body'],
      ['PUT', { pinned: 1 }, 'pinned'],
    ];
    for (const [method, body, field] of cases) {
      const r = await api.call(method, method === 'POST' ? notesOf(c) : noteOf(c, note.note_id), { body });
      expect(r.status, JSON.stringify(body).slice(0, 80)).toBe(400);
      expect(r.body.error.code).toBe('validation_failed');
      if (field !== 'body' || method === 'POST' || Object.keys(body as object).length > 0) {
        expect(r.body.error.details.map((d: { field: string }) => d.field), JSON.stringify(body).slice(0, 80)).toContain(field);
      }
    }
    // 10,000 characters is allowed.
    expect((await api.call('POST', notesOf(c), { body: { body: 'y'.repeat(10_000) } })).status).toBe(201);
    expect((await api.call('GET', notesOf(c))).body.pagination.total).toBe(2);
  });

  it("a note is 404 through another customer's URL on every endpoint, and stays unchanged", async () => {
    const owner = await newCustomer();
    const other = await newCustomer();
    const note = await newNote(owner, { body: 'private to owner' });
    expect((await api.call('GET', noteOf(other, note.note_id))).status).toBe(404);
    expect((await api.call('PUT', noteOf(other, note.note_id), { body: { body: 'hijacked' } })).status).toBe(404);
    const del = await api.call('DELETE', noteOf(other, note.note_id));
    expect(del.status).toBe(404);
    expect(del.body.error.message).toBe('Note not found');
    expect((await api.call('GET', notesOf(other))).body.data).toEqual([]);
    const still = await api.call('GET', noteOf(owner, note.note_id));
    expect(still.body.data).toEqual(note);
    expect((await api.call('GET', notesOf(owner))).body.pagination.total).toBe(1);
  });

  it("another tenant's key reaches none of a customer's notes; a read-only key reads but cannot write", async () => {
    const c = await newCustomer();
    const note = await newNote(c, { body: 'tenant a' });
    const other = { key: api.otherTenantKey };
    expect((await api.call('GET', notesOf(c), other)).status).toBe(404);
    expect((await api.call('POST', notesOf(c), { ...other, body: { body: 'x' } })).status).toBe(404);
    expect((await api.call('GET', noteOf(c, note.note_id), other)).status).toBe(404);
    expect((await api.call('PUT', noteOf(c, note.note_id), { ...other, body: { body: 'x' } })).status).toBe(404);
    expect((await api.call('DELETE', noteOf(c, note.note_id), other)).status).toBe(404);
    const ro = { key: api.readKey };
    expect((await api.call('GET', notesOf(c), ro)).status).toBe(200);
    expect((await api.call('GET', noteOf(c, note.note_id), ro)).status).toBe(200);
    for (const [method, path] of [
      ['POST', notesOf(c)],
      ['PUT', noteOf(c, note.note_id)],
      ['DELETE', noteOf(c, note.note_id)],
    ] as const) {
      const r = await api.call(method, path, { ...ro, body: method === 'DELETE' ? undefined : { body: 'x' } });
      expect(r.status, method).toBe(403);
      expect(r.body.error.code).toBe('forbidden');
    }
    expect((await api.call('GET', noteOf(c, note.note_id))).body.data).toEqual(note);
    expect((await api.call('GET', notesOf(c))).body.pagination.total).toBe(1);
  });

  it('trash hides the notes, restore brings them back, purge erases them', async () => {
    const c = await newCustomer();
    const a = await newNote(c, { body: 'kept through the trash', pinned: true });
    await newNote(c, { body: 'second' });
    expect((await api.call('DELETE', `/api/v1/customers/${c}`)).status).toBe(200);
    for (const [method, path, body] of [
      ['GET', notesOf(c), undefined],
      ['POST', notesOf(c), { body: 'x' }],
      ['GET', noteOf(c, a.note_id), undefined],
      ['PUT', noteOf(c, a.note_id), { body: 'x' }],
      ['DELETE', noteOf(c, a.note_id), undefined],
    ] as const) {
      const r = await api.call(method, path, { body });
      expect(r.status, `${method} ${path}`).toBe(404);
      expect(r.body.error.message).toBe('Customer not found');
    }
    expect((await api.call('POST', `/api/v1/customers/${c}/restore`)).status).toBe(200);
    const back = await api.call('GET', notesOf(c));
    expect(back.body.pagination.total).toBe(2);
    expect(back.body.data[0]).toEqual(a);

    await api.call('DELETE', `/api/v1/customers/${c}`);
    expect((await api.call('DELETE', `/api/v1/customers/${c}?purge=1`)).status).toBe(200);
    const left = await store().doc.send(
      new QueryCommand({ TableName: store().tableName, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': customerKeys.collection('acme', c) } }),
    );
    expect(left.Items).toEqual([]);
  });

  it('concurrent creates all land and the total counts each once', async () => {
    const c = await newCustomer();
    await Promise.all(Array.from({ length: 12 }, (_, i) => newNote(c, { body: `burst ${i}` })));
    const res = await api.call('GET', `${notesOf(c)}?per_page=100`);
    expect(res.body.pagination.total).toBe(12);
    expect(new Set(res.body.data.map((x: { note_id: number }) => x.note_id)).size).toBe(12);
  });
});
