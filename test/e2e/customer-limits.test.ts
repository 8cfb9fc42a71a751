import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, type TestApi } from '../support/local-api.js';

/**
 * Issue 7: no customer input may answer 500. Text that grows when folded for
 * the search index (각 → 3 jamo, 9 bytes; ㌖ → キロメートル, 18 bytes) used to
 * build term keys past DynamoDB's 1,024-byte limit. Also the smaller defects
 * of the customer endpoints: symbol-only searches, the phone's country code,
 * the include message, PUT of the object GET returned.
 */
let seq = 0;
const customer = (name: string) => ({
  customer_name: name,
  customer_email: `limits${++seq}@example.com`,
  customer_phone: '+15551234567',
  default_sla_hours: 24,
});

let api: TestApi;
/** A customer no search of this file should find: a search that matches everyone fails here. */
let controlId: number;
beforeAll(async () => {
  api = await startTestApi();
  controlId = (await api.call('POST', '/api/v1/customers', { body: { ...customer('Control'), customer_phone: '+442079460958' } })).body.data.customer_id;
});
afterAll(() => api.close());

const idsOf = (res: { body: { data: { customer_id: number }[] } }) => res.body.data.map((c) => c.customer_id);

const search = (words: string) => api.call('GET', `/api/v1/customers?search=${encodeURIComponent(words)}`);

describe('long text that grows when folded', () => {
  it.each([
    ['113 × 각', '각'.repeat(113)],
    ['57 × ㌖', '㌖'.repeat(57)],
    ['255 × ﷺ (33 bytes folded, with spaces)', '\uFDFA'.repeat(255)],
    ['255 × 각', '각'.repeat(255)],
  ])('creates, updates and finds a customer named %s', async (_label, name) => {
    const created = await api.call('POST', '/api/v1/customers', { body: customer(name) });
    expect(created.status).toBe(201);
    const id = created.body.data.customer_id as number;

    const updated = await api.call('PUT', `/api/v1/customers/${id}`, { body: { customer_name: `${name.slice(0, 200)} 2` } });
    expect(updated.status).toBe(200);
    const back = await api.call('PUT', `/api/v1/customers/${id}`, { body: { customer_name: name } });
    expect(back.status).toBe(200);

    const found = await search(name.slice(0, 200));
    expect(found.status).toBe(200);
    expect(idsOf(found)).toContain(id);
    expect(idsOf(found)).not.toContain(controlId);
  });

  it('answers a search word of 114 × 각 (and 200 × ㌖) with 200, not 500', async () => {
    expect((await search('각'.repeat(114))).status).toBe(200);
    expect((await search('㌖'.repeat(200))).status).toBe(200);
  });

  it('answers 400 naming the field for text over the limits, never 500', async () => {
    const tooLong = await api.call('POST', '/api/v1/customers', { body: customer('각'.repeat(256)) });
    expect(tooLong.status).toBe(400);
    expect(tooLong.body.error.details).toEqual([{ field: 'customer_name', issue: 'must be at most 255 characters' }]);
    expect((await search('각'.repeat(201))).status).toBe(400);
  });

  it('answers 400 for unpaired surrogates, which are not text', async () => {
    // JSON.stringify writes an unpaired surrogate as the escape \ud800, which JSON.parse reads back as one.
    const res = await api.call('POST', '/api/v1/customers', { body: JSON.stringify(customer('Acme \ud800 Corp')) });
    expect(res.status).toBe(400);
    expect(res.body.error.details).toEqual([{ field: 'customer_name', issue: 'must be valid Unicode text' }]);
  });
});

describe('search', () => {
  it('matches nothing for a search of symbols only', async () => {
    await api.call('POST', '/api/v1/customers', { body: customer('Symbol Test') });
    for (const words of ['!!!', '-', ' - ! ']) {
      const res = await search(words);
      expect(res.status).toBe(200);
      expect(res.body.data).toEqual([]);
      expect(res.body.pagination.total).toBe(0);
    }
    // A blank search is no search.
    expect((await search('  ')).body.pagination.total).toBeGreaterThan(0);
  });

  it('finds +15551234567 by the start of its E.164 digits (1555) as well as its national number', async () => {
    const res = await api.call('POST', '/api/v1/customers', {
      body: { ...customer('Phone Country Code'), customer_phone: '+15557654321' },
    });
    const id = res.body.data.customer_id as number;
    for (const words of ['1555765', '+1555765', '555765', '4321', '+15557654321']) {
      const ids = idsOf(await search(words));
      expect(ids, words).toContain(id);
      expect(ids, words).not.toContain(controlId);
    }
    expect(idsOf(await search('1555766'))).not.toContain(id);
    expect(idsOf(await search('4420794'))).toEqual([controlId]);
  });
});

describe('include', () => {
  it('says which value is allowed', async () => {
    const created = await api.call('POST', '/api/v1/customers', { body: customer('Include Test') });
    const res = await api.call('GET', `/api/v1/customers/${created.body.data.customer_id}?include=orders`);
    expect(res.status).toBe(400);
    expect(res.body.error.details).toEqual([{ field: 'include', issue: 'must be "locations", "contacts" or "locations,contacts"' }]);
    expect(res.body.error.message).toBe('Invalid request: include must be "locations", "contacts" or "locations,contacts"');
  });
});

describe('PUT of the object GET returned', () => {
  it('is accepted as is, and with one field changed', async () => {
    const created = await api.call('POST', '/api/v1/customers', { body: customer('Round Trip') });
    const id = created.body.data.customer_id as number;
    const { data } = (await api.call('GET', `/api/v1/customers/${id}`)).body;

    expect((await api.call('PUT', `/api/v1/customers/${id}`, { body: data })).status).toBe(200);
    const edited = await api.call('PUT', `/api/v1/customers?id=${id}`, { body: { ...data, default_sla_hours: 4 } });
    expect(edited.status).toBe(200);
    expect((await api.call('GET', `/api/v1/customers/${id}`)).body.data).toMatchObject({ default_sla_hours: 4, created_at: data.created_at });
  });

  it('answers 400 naming each read-only field whose value differs, and changes nothing', async () => {
    const created = await api.call('POST', '/api/v1/customers', { body: customer('Read Only') });
    const id = created.body.data.customer_id as number;
    const { data } = (await api.call('GET', `/api/v1/customers/${id}`)).body;

    const res = await api.call('PUT', `/api/v1/customers/${id}`, {
      body: { ...data, customer_id: id + 1000, created_at: '2020-01-01T00:00:00Z', customer_name: 'Changed' },
    });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('validation_failed');
    expect(res.body.error.details.map((d: { field: string }) => d.field)).toEqual(['customer_id', 'created_at']);
    expect((await api.call('GET', `/api/v1/customers/${id}`)).body.data).toEqual(data);
    expect((await api.call('GET', `/api/v1/customers/${id + 1000}`)).status).toBe(404);
  });
});
