import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { store } from '../../lib/store/client.js';
import { tagMemberKeys } from '../../lib/store/keys/customer-index-keys.js';
import { tenantKeys } from '../../lib/store/keys/tenant-keys.js';
import { startTestApi, type TestApi } from '../support/local-api.js';

/**
 * Customer tags (issue 10, Skimmer's labels) over real HTTP: `tags` on the
 * customer body, PUT/DELETE of one tag without a read-modify-write race,
 * GET /tags with exact counts through edits, trash and restore, and
 * GET /customers?tag= in id order with exact totals. Every response is
 * checked against the OpenAPI document by the test API.
 */

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(() => api.close());

let n = 0;
async function newCustomer(extra: Record<string, unknown> = {}, key?: string): Promise<number> {
  n += 1;
  const res = await api.call('POST', '/api/v1/customers', {
    key,
    body: { customer_name: `Tagged Co ${n}`, customer_email: `tags${n}@example.com`, customer_phone: '+15559876543', default_sla_hours: 24, ...extra },
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.data.customer_id;
}

const customerOf = (c: number) => `/api/v1/customers/${c}`;
const tagOf = (c: number, tag: string) => `/api/v1/customers/${c}/tags/${encodeURIComponent(tag)}`;
const tagsOf = async (c: number) => (await api.call('GET', customerOf(c))).body.data.tags as string[];
/** GET /tags as { tag: count } (per_page 100, one page). */
async function tagCounts(key?: string): Promise<Record<string, number>> {
  const res = await api.call('GET', '/api/v1/tags?per_page=100', { key });
  expect(res.status).toBe(200);
  return Object.fromEntries(res.body.data.map((t: { tag: string; customer_count: number }) => [t.tag, t.customer_count]));
}
/** A tag's tally as stored: the sum of its shards, read raw, so a count drifted below 0 cannot hide behind GET /tags leaving it out. */
async function rawTally(tag: string): Promise<number> {
  const out = await store().doc.send(
    new QueryCommand({
      TableName: store().tableName,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :name)',
      ExpressionAttributeValues: { ':pk': tenantKeys.tallyPartition('acme'), ':name': `tag:${tag}#` },
      ConsistentRead: true,
    }),
  );
  return (out.Items ?? []).reduce((sum, item) => sum + Number(item.n), 0);
}
async function listIds(query: string): Promise<{ ids: number[]; total: number }> {
  const res = await api.call('GET', `/api/v1/customers?${query}`);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return { ids: res.body.data.map((c: { customer_id: number }) => c.customer_id), total: res.body.pagination.total };
}

describe('tags', () => {
  it('a customer body carries tags: folded, each once, sorted; an update replaces them; the API always shows the list', async () => {
    const c = await newCustomer({ tags: ['  VIP ', 'vip', 'Pool  Service', 'net-30_ok', 'Überkunde'] });
    const got = (await api.call('GET', customerOf(c))).body.data;
    expect(got.tags).toEqual(['net-30_ok', 'pool service', 'vip', 'überkunde']);
    const bare = await newCustomer();
    expect(await tagsOf(bare)).toEqual([]);

    const put = await api.call('PUT', customerOf(c), { body: { tags: ['vip', 'Gold'] } });
    expect(put.status).toBe(200);
    expect(await tagsOf(c)).toEqual(['gold', 'vip']);
    // The object GET returned can be sent back whole.
    const whole = (await api.call('GET', customerOf(c))).body.data;
    expect((await api.call('PUT', customerOf(c), { body: whole })).status).toBe(200);
    expect((await api.call('PUT', customerOf(c), { body: { tags: [] } })).status).toBe(200);
    expect(await tagsOf(c)).toEqual([]);
    // include=locations,contacts and the list show the same field.
    await api.call('PUT', customerOf(c), { body: { tags: ['listed-too'] } });
    expect((await api.call('GET', `${customerOf(c)}?include=locations,contacts`)).body.data.tags).toEqual(['listed-too']);
    const listed = await api.call('GET', '/api/v1/customers?tag=listed-too');
    expect(listed.body.data.map((x: { customer_id: number; tags: string[] }) => [x.customer_id, x.tags])).toEqual([[c, ['listed-too']]]);
  });

  it('bad tags are one 400 naming each fault', async () => {
    const cases: [unknown, string, string][] = [
      [['ok', ''], 'tags.1', 'must not be empty'],
      [['   '], 'tags.0', 'must not be empty'],
      [['a'.repeat(41)], 'tags.0', 'must be at most 40 characters'],
      [['x'.repeat(5000)], 'tags.0', 'must be at most 40 characters'],
      [['no#hash'], 'tags.0', 'must be letters, digits, spaces, - or _'],
      [['tab\there'], 'tags.0', 'must be letters, digits, spaces, - or _'],
      [[7], 'tags.0', 'must be a string'],
      ['vip', 'tags', ''],
      [Array.from({ length: 21 }, (_, i) => `t${i}`), 'tags', 'must have at most 20 tags'],
    ];
    for (const [tags, field, issue] of cases) {
      const res = await api.call('POST', '/api/v1/customers', {
        body: { customer_name: 'Bad Tags', customer_email: `badtags${field}@example.com`, customer_phone: '+15559876543', default_sla_hours: 1, tags },
      });
      expect(res.status, JSON.stringify(tags)).toBe(400);
      expect(res.body.error.code).toBe('validation_failed');
      const detail = res.body.error.details.find((d: { field: string }) => d.field === field);
      expect(detail, JSON.stringify(res.body.error.details)).toBeDefined();
      if (issue) expect(detail.issue).toBe(issue);
    }
    // 21 as sent but 20 once folded is fine.
    const folded = await newCustomer({ tags: [...Array.from({ length: 20 }, (_, i) => `t${i}`), 'T0'] });
    expect(await tagsOf(folded)).toHaveLength(20);
    for (const bad of ['no#hash', ' ', 'a'.repeat(41)]) {
      const res = await api.call('PUT', tagOf(folded, bad));
      expect(res.status, bad).toBe(400);
      expect(res.body.error.details).toEqual([{ field: 'tag', issue: expect.any(String) }]);
      const list = await api.call('GET', `/api/v1/customers?tag=${encodeURIComponent(bad)}`);
      expect(list.status, bad).toBe(400);
      expect(list.body.error.details[0].field).toBe('tag');
    }
    expect((await api.call('GET', '/api/v1/customers?tag=vip&include_deleted=1')).status).toBe(400);
    expect((await api.call('GET', '/api/v1/tags?page=0')).status).toBe(400);
    expect((await api.call('GET', '/api/v1/tags?tag=vip')).status).toBe(400);
  });

  it('PUT adds one tag (idempotent), DELETE removes it (404 when absent); the 21st is 409', async () => {
    const c = await newCustomer({ tags: ['b'] });
    const added = await api.call('PUT', tagOf(c, ' Alpha Team '));
    expect(added.status).toBe(200);
    expect(Object.keys(added.body)).toEqual(['success', 'message', 'data', 'request_id']);
    expect(added.body).toMatchObject({ success: true, message: 'Tag added successfully', data: { customer_id: c, tags: ['alpha team', 'b'] } });
    const again = await api.call('PUT', tagOf(c, 'ALPHA TEAM'));
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ message: 'Customer already has this tag', data: { tags: ['alpha team', 'b'] } });
    expect(await tagsOf(c)).toEqual(['alpha team', 'b']);

    const removed = await api.call('DELETE', tagOf(c, 'b'));
    expect(removed.status).toBe(200);
    expect(removed.body).toMatchObject({ success: true, message: 'Tag removed successfully', data: { customer_id: c, tags: ['alpha team'] } });
    const gone = await api.call('DELETE', tagOf(c, 'b'));
    expect(gone.status).toBe(404);
    expect(gone.body.error).toMatchObject({ code: 'not_found', message: 'Tag not found' });
    expect((await api.call('DELETE', tagOf(c, 'alpha team'))).status).toBe(200);
    expect(await tagsOf(c)).toEqual([]);

    const full = await newCustomer({ tags: Array.from({ length: 20 }, (_, i) => `f${i}`) });
    const over = await api.call('PUT', tagOf(full, 'one more'));
    expect(over.status).toBe(409);
    expect(over.body.error.code).toBe('conflict');
    expect((await api.call('PUT', tagOf(full, 'f3'))).status).toBe(200);
    expect(await tagsOf(full)).toHaveLength(20);

    for (const [method, path] of [
      ['PUT', tagOf(999999, 'x')],
      ['DELETE', tagOf(999999, 'x')],
      ['PUT', '/api/v1/customers/abc/tags/x'],
    ] as const) {
      const res = await api.call(method, path);
      expect(res.status, path).toBe(404);
      expect(res.body.error.message).toBe('Customer not found');
    }
  });

  it('20 concurrent adds of different tags all land, and 20 concurrent removes all leave', async () => {
    const c = await newCustomer();
    const tags = Array.from({ length: 20 }, (_, i) => `parallel ${String(i).padStart(2, '0')}`);
    const adds = await Promise.all(tags.map((t) => api.call('PUT', tagOf(c, t))));
    expect(adds.map((r) => r.status)).toEqual(tags.map(() => 200));
    expect(await tagsOf(c)).toEqual(tags);
    const counts = await tagCounts();
    for (const t of tags) expect(counts[t]).toBe(1);
    const removes = await Promise.all(tags.map((t) => api.call('DELETE', tagOf(c, t))));
    expect(removes.map((r) => r.status)).toEqual(tags.map(() => 200));
    expect(await tagsOf(c)).toEqual([]);
    const after = await tagCounts();
    for (const t of tags) {
      expect(after[t]).toBeUndefined();
      expect(await rawTally(t), t).toBe(0);
    }
  });

  it('GET /tags counts exactly through creates, edits, updates, trash, restore and purge, without reading customers', async () => {
    const a = await newCustomer({ tags: ['count-a', 'count-b'] });
    const b = await newCustomer({ tags: ['count-a'] });
    const c = await newCustomer();
    const pick = (all: Record<string, number>) => ({ a: all['count-a'], b: all['count-b'], c: all['count-c'] });
    expect(pick(await tagCounts())).toEqual({ a: 2, b: 1, c: undefined });
    await api.call('PUT', tagOf(c, 'count-c'));
    await api.call('PUT', tagOf(c, 'count-a'));
    expect(pick(await tagCounts())).toEqual({ a: 3, b: 1, c: 1 });
    await api.call('PUT', customerOf(a), { body: { tags: ['count-c'] } });
    expect(pick(await tagCounts())).toEqual({ a: 2, b: undefined, c: 2 });
    expect((await api.call('DELETE', customerOf(b))).status).toBe(200);
    expect(pick(await tagCounts())).toEqual({ a: 1, b: undefined, c: 2 });
    // A trashed customer cannot be tagged.
    expect((await api.call('PUT', tagOf(b, 'count-b'))).status).toBe(404);
    expect((await api.call('POST', `${customerOf(b)}/restore`)).status).toBe(200);
    expect(await tagsOf(b)).toEqual(['count-a']);
    expect(pick(await tagCounts())).toEqual({ a: 2, b: undefined, c: 2 });
    expect((await api.call('DELETE', customerOf(b))).status).toBe(200);
    expect((await api.call('DELETE', `${customerOf(b)}?purge=1`)).status).toBe(200);
    expect(pick(await tagCounts())).toEqual({ a: 1, b: undefined, c: 2 });
    expect(await rawTally('count-b')).toBe(0);

    // Paginated in tag order.
    const page = await api.call('GET', '/api/v1/tags?per_page=1&page=2');
    expect(Object.keys(page.body)).toEqual(['data', 'pagination', 'request_id']);
    const counts = await tagCounts();
    const all = Object.keys(counts).sort();
    expect(page.body.data).toEqual([{ tag: all[1], customer_count: counts[all[1]!] }]);
    expect(page.body.pagination).toEqual({ page: 2, per_page: 1, total: all.length, total_pages: all.length });
  });

  it('concurrent tag edits, updates, trashes and restores leave every count equal to the customers carrying the tag', async () => {
    const ids = await Promise.all(Array.from({ length: 8 }, () => newCustomer({ tags: ['race-x'] })));
    const answers = await Promise.all(
      ids.flatMap((id, i) => [
        api.call('PUT', tagOf(id, 'race-y')),
        i % 2 === 0 ? api.call('DELETE', customerOf(id)) : api.call('PUT', customerOf(id), { body: { tags: ['race-y', 'race-z'] } }),
        api.call('DELETE', tagOf(id, 'race-x')),
      ]),
    );
    const restores = await Promise.all(ids.filter((_, i) => i % 4 === 0).map((id) => api.call('POST', `${customerOf(id)}/restore`)));
    // Every race ends in a proper answer: done, or 404 for a customer trashed (or a tag removed) first; never a 5xx.
    for (const r of [...answers, ...restores]) expect([200, 404], JSON.stringify(r.body)).toContain(r.status);
    const expected: Record<string, number> = {};
    for (const id of ids) {
      const res = await api.call('GET', customerOf(id));
      if (res.status === 404) continue;
      for (const t of res.body.data.tags as string[]) expected[t] = (expected[t] ?? 0) + 1;
    }
    const counts = await tagCounts();
    for (const t of ['race-x', 'race-y', 'race-z']) {
      expect(counts[t], t).toBe(expected[t]);
      expect(await rawTally(t), t).toBe(expected[t] ?? 0);
      const listed = await listIds(`tag=${t}&per_page=100`);
      expect(listed.total, t).toBe(expected[t] ?? 0);
      expect(listed.ids, t).toHaveLength(expected[t] ?? 0);
    }
  });

  it('GET /customers?tag= lists carriers in id order with an exact total, alone or with other filters', async () => {
    const ids: number[] = [];
    for (let i = 0; i < 7; i++) ids.push(await newCustomer({ tags: i % 2 === 0 ? ['Listed'] : ['other'], customer_name: `Listing Person ${i}` }));
    const carriers = ids.filter((_, i) => i % 2 === 0);
    expect(await listIds('tag=LISTED&per_page=100')).toEqual({ ids: carriers, total: 4 });
    expect(await listIds('tag=listed&per_page=3&page=2')).toEqual({ ids: carriers.slice(3), total: 4 });
    expect(await listIds('tag=listed&per_page=3&page=9')).toEqual({ ids: [], total: 4 });
    expect(await listIds('tag=nobody-has-this')).toEqual({ ids: [], total: 0 });
    // With search, status, has_locations, created range and customer_number.
    expect(await listIds('tag=listed&search=listing%20person%204')).toEqual({ ids: [ids[4]], total: 1 });
    expect((await api.call('POST', '/api/v1/customers/deactivate', { body: { ids: [carriers[1]] } })).status).toBe(200);
    expect(await listIds('tag=listed&status=inactive')).toEqual({ ids: [carriers[1]], total: 1 });
    expect(await listIds('tag=listed&status=active&per_page=100')).toEqual({ ids: [carriers[0], carriers[2], carriers[3]], total: 3 });
    expect(await listIds('tag=listed&has_locations=0&per_page=100')).toEqual({ ids: carriers, total: 4 });
    expect(await listIds('tag=listed&has_locations=1')).toEqual({ ids: [], total: 0 });
    expect(await listIds('tag=listed&created_after=2000-01-01&per_page=100')).toEqual({ ids: carriers, total: 4 });
    const number = (await api.call('GET', customerOf(carriers[2]!))).body.data.customer_number;
    expect(await listIds(`tag=listed&customer_number=${number}`)).toEqual({ ids: [carriers[2]], total: 1 });
    expect(await listIds(`tag=other&customer_number=${number}`)).toEqual({ ids: [], total: 0 });
    // A trashed carrier leaves the list and its total.
    await api.call('DELETE', customerOf(carriers[0]!));
    expect(await listIds('tag=listed&per_page=100')).toEqual({ ids: carriers.slice(1), total: 3 });
  });

  it("another tenant's key sees none of them; a read-only key reads but cannot tag", async () => {
    const c = await newCustomer({ tags: ['secret-label'] });
    const other = { key: api.otherTenantKey };
    expect((await api.call('PUT', tagOf(c, 'x'), other)).status).toBe(404);
    expect((await api.call('DELETE', tagOf(c, 'secret-label'), other)).status).toBe(404);
    expect((await tagCounts(api.otherTenantKey))['secret-label']).toBeUndefined();
    expect((await api.call('GET', '/api/v1/customers?tag=secret-label', other)).body.pagination.total).toBe(0);
    const ro = { key: api.readKey };
    expect((await tagCounts(api.readKey))['secret-label']).toBe(1);
    for (const method of ['PUT', 'DELETE'] as const) {
      const r = await api.call(method, tagOf(c, 'secret-label'), ro);
      expect(r.status, method).toBe(403);
      expect(r.body.error.code).toBe('forbidden');
    }
    expect((await api.call('GET', '/api/v1/tags', { key: null })).status).toBe(401);
    expect(await tagsOf(c)).toEqual(['secret-label']);
  });

  it('member items are exactly the listed carriers: a purge leaves none', async () => {
    const c = await newCustomer({ tags: ['member-check'] });
    const members = async () =>
      (
        await store().doc.send(
          new QueryCommand({ TableName: store().tableName, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': tagMemberKeys.partition('acme', 'member-check') } }),
        )
      ).Items ?? [];
    expect((await members()).map((i) => i.sk)).toEqual([String(c).padStart(10, '0')]);
    await api.call('DELETE', customerOf(c));
    expect(await members()).toEqual([]);
    await api.call('POST', `${customerOf(c)}/restore`);
    expect(await members()).toHaveLength(1);
    await api.call('DELETE', customerOf(c));
    await api.call('DELETE', `${customerOf(c)}?purge=1`);
    expect(await members()).toEqual([]);
  });
});
