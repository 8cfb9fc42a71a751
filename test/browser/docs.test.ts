import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiKey } from '../../lib/api-keys/api-keys.js';
import { createCustomer } from '../../lib/customers/customers.js';
import { docsSiteRoute } from '../../lib/local/docs-site.js';
import { startLocalServer, type LocalServer } from '../../lib/local/server.js';
import { routeList } from '../../lib/routes.js';
import { useFreshTable } from '../support/fresh-table.js';

/**
 * /docs in a real browser (Debian's Chromium driven by playwright-core): the
 * reference renders every operation, a pasted key runs "Try it out" against
 * the page's own origin, nothing is fetched from anywhere else, and a
 * screenshot lands in test-results/docs.png.
 */

const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const haveChromium = existsSync(chromiumPath);
if (!haveChromium && process.env.CI) {
  throw new Error(`Chromium is required in CI for the docs browser test: install it (apt-get install chromium) or set CHROMIUM_PATH (looked at ${chromiumPath})`);
}
const screenshotPath = path.resolve('test-results/docs.png');

describe.skipIf(!haveChromium)(`/docs in Chromium${haveChromium ? '' : ` (skipped: no Chromium at ${chromiumPath}; apt-get install chromium)`}`, () => {
  let server: LocalServer;
  let context: BrowserContext;
  let page: Page;
  let userDataDir: string;
  let key: string;
  const requested: string[] = [];
  const consoleErrors: string[] = [];

  beforeAll(async () => {
    await useFreshTable('browser');
    key = (await createApiKey({ tenantId: 'demo', name: 'demo', scopes: ['customers:read', 'customers:write'] })).key;
    await createCustomer('demo', {
      customer_name: 'Acme Corporation',
      customer_email: 'ops@acme.example',
      customer_phone: '+15551234567',
      default_sla_hours: 24,
      tax_exempt: false,
      tax_exemption_reason: null,
    });
    server = await startLocalServer({ port: 0, extraRoutes: [docsSiteRoute()] });
    userDataDir = mkdtempSync(path.join(tmpdir(), 'fieldbook-chromium-'));
    context = await chromium.launchPersistentContext(userDataDir, {
      executablePath: chromiumPath,
      headless: true, // playwright passes --headless itself, and the profile dir as --user-data-dir
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
      viewport: { width: 1280, height: 1000 },
    });
    page = context.pages()[0] ?? (await context.newPage());
    page.on('request', (r) => requested.push(r.url()));
    page.on('console', (m) => {
      if (m.type() === 'error') consoleErrors.push(m.text());
    });
  });

  afterAll(async () => {
    await context?.close();
    await server?.close();
    if (userDataDir) rmSync(userDataDir, { recursive: true, force: true });
  });

  it('lists every operation of the route table', async () => {
    await page.goto(`${server.url}/docs`);
    await page.locator('.opblock').first().waitFor();
    expect(await page.locator('.opblock').count()).toBe(routeList.length);
    for (const route of routeList) {
      await expect(page.locator(`[id$="-${route.operationId}"]`).count()).resolves.toBe(1);
    }
    await expect(page.locator('.info .title').innerText()).resolves.toContain('Fieldbook API');
  });

  it('runs "Try it out" with a pasted key against its own origin and shows the 200', async () => {
    await page.locator('.auth-wrapper button.authorize').click();
    await page.locator('.modal-ux input').first().fill(key);
    await page.locator('.modal-ux .auth-btn-wrapper button.authorize').click();
    await page.locator('.modal-ux button.btn-done').click();

    const op = page.locator('[id$="-listCustomers"]');
    await op.locator('.opblock-summary').first().click();
    await op.locator('button.try-out__btn').click();
    const answer = page.waitForResponse((r) => new URL(r.url()).pathname === '/api/v1/customers');
    await op.locator('button.execute').click();
    expect((await answer).status()).toBe(200);
    const status = op.locator('.live-responses-table .response .response-col_status').first();
    await expect(status.innerText()).resolves.toContain('200');
    await expect(op.locator('.live-responses-table .microlight, .live-responses-table pre').first().innerText()).resolves.toContain('Acme Corporation');

    mkdirSync(path.dirname(screenshotPath), { recursive: true });
    // The answer in view (docs.png), and the whole page (docs-full.png).
    await op.locator('.live-responses-table').first().scrollIntoViewIfNeeded();
    await page.screenshot({ path: screenshotPath });
    await page.screenshot({ path: screenshotPath.replace(/\.png$/, '-full.png'), fullPage: true });
  });

  it('fetched nothing from outside its own origin and broke no CSP rule', () => {
    const origin = new URL(server.url).origin;
    const outside = requested.filter((u) => !u.startsWith('data:') && new URL(u).origin !== origin);
    expect(outside).toEqual([]);
    expect(requested).toContain(`${origin}/openapi.json`);
    expect(consoleErrors.filter((e) => /Content Security Policy|Refused to/i.test(e))).toEqual([]);
  });
});
