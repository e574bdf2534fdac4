import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { launchChromium, startApp, type TestApp } from '../harness/index.js';

describe('API reference page at /_/docs (Chromium)', () => {
  let t: TestApp;
  let browser: Browser;

  before(async () => {
    t = await startApp();
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    await t?.close();
  });

  it('renders the operations of the live document from files the server ships, without the network', async () => {
    const page = await browser.newPage();
    const elsewhere: string[] = [];
    await page.route('**/*', (route) => {
      const url = new URL(route.request().url());
      if (url.origin === t.url) return route.continue();
      elsewhere.push(url.href);
      return route.abort();
    });
    await page.goto(`${t.url}/_/docs`);
    await page
      .locator('.opblock-summary-path', { hasText: '/api/collections/users/auth-with-password' })
      .first()
      .waitFor();
    assert.ok((await page.locator('.opblock').count()) > 5);
    assert.deepEqual(elsewhere, [], 'nothing is fetched from another origin');
    await page.close();
  });

  it('shows a signed-in superuser the admin APIs', async () => {
    const token = await t.superuserToken();
    const page = await browser.newPage();
    await page.goto(`${t.url}/_/docs`);
    await page.evaluate(
      `localStorage.setItem('pocketbase_auth', JSON.stringify({ token: ${JSON.stringify(token)}, record: null }))`,
    );
    await page.reload();
    await page.locator('.opblock-summary-path', { hasText: '/api/settings' }).first().waitFor();
    await page.close();
  });
});
