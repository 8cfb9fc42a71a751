import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { clearApiKeyCache } from '../../lib/api-keys/api-keys.js';
import { logger } from '../../lib/logger.js';
import { createStore, store, useStore } from '../../lib/store/client.js';
import { startTestApi, type TestApi } from '../support/local-api.js';

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(() => api.close());

/** Every line the functions write while `body` runs, at INFO. */
async function logsOf(body: () => Promise<void>): Promise<string[]> {
  const lines: string[] = [];
  const capture = (stream: NodeJS.WriteStream) =>
    vi.spyOn(stream, 'write').mockImplementation((chunk: unknown) => {
      lines.push(...String(chunk).split('\n').filter(Boolean));
      return true;
    });
  logger.setLogLevel('INFO');
  const spies = [capture(process.stdout), capture(process.stderr)];
  try {
    await body();
  } finally {
    for (const spy of spies) spy.mockRestore();
    logger.setLogLevel('SILENT');
  }
  return lines;
}

describe('logs', () => {
  it('never contain the API key or the customer’s personal data, on success, client error or internal error', async () => {
    const pii = { customer_name: 'Zebulon Quartermaine', customer_email: 'zebulon.q@private.example', customer_phone: '+15557654321', default_sla_hours: 8 };
    let lines: string[] = [];
    lines = await logsOf(async () => {
      const created = await api.call('POST', '/api/v1/customers', { body: pii });
      expect(created.status).toBe(201);
      const id = created.body.data.customer_id;
      await api.call('GET', `/api/v1/customers/${id}`);
      await api.call('PUT', `/api/v1/customers/${id}`, { body: { ...pii, customer_name: 'Zebulon Q. Quartermaine' } });
      await api.call('GET', `/api/v1/customers?q=${encodeURIComponent('Zebulon')}`);
      await api.call('POST', '/api/v1/customers', { body: { ...pii, customer_email: 'not an email zebulon.q@private.example' } });
      await api.call('GET', '/api/v1/customers', { key: `${api.key}x` });
      // An internal error logs the error itself: the table is missing.
      const real = store();
      useStore(createStore({ tableName: 'fieldbook-no-such-table', endpoint: process.env.DYNAMODB_ENDPOINT, region: 'us-east-1' }));
      clearApiKeyCache();
      try {
        expect((await api.call('GET', `/api/v1/customers/${id}`)).status).toBe(500);
      } finally {
        useStore(real);
      }
    });
    const entries = lines.filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as Record<string, any>);
    expect(entries.filter((e) => e.message === 'request')).toHaveLength(7);
    expect(entries.some((e) => e.level === 'ERROR' && e.error?.name)).toBe(true);
    for (const e of entries) expect(e).toMatchObject({ service: 'fieldbook', request_id: expect.any(String) });
    const text = lines.join('\n');
    for (const secret of [api.key, api.key.slice(-12), 'Zebulon', 'Quartermaine', 'zebulon.q', '5557654321']) expect(text).not.toContain(secret);
  });
});
