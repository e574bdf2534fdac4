import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { flushLogs } from '../../src/core/logs/index.js';
import { DIALECTS, startSmtp, TEST_SUPERUSER, type TestSmtp } from '../harness/index.js';
import { inspect, NO_BROWSER, openPage, signIn, useDashboard } from './dashboard.js';

for (const dialect of DIALECTS) {
  describe(`dashboard: logs and settings (${dialect})`, { skip: NO_BROWSER }, () => {
    const d = useDashboard({ app: { dialect } });
    let smtp: TestSmtp;

    before(async () => {
      smtp = await startSmtp();
    });
    after(async () => {
      await smtp?.close();
    });

    it('lists logs, filters them and shows one in detail', async () => {
      assert.equal((await fetch(`${d.t.url}/api/collections/nothing-here/records`)).status, 404);
      assert.equal((await fetch(`${d.t.url}/api/health`)).status, 200);
      await flushLogs(d.t.app);
      const { page, cspViolations, close } = await openPage(d.browser);
      await signIn(page, d.t, TEST_SUPERUSER.email, TEST_SUPERUSER.password);
      await page.getByRole('link', { name: 'Logs' }).click();
      await page.getByRole('heading', { name: 'Logs' }).waitFor();
      await page.getByRole('cell', { name: 'GET /api/health' }).first().waitFor();
      await flushLogs(d.t.app);
      await page.getByRole('button', { name: 'Refresh' }).click();
      await page.getByRole('cell', { name: 'GET /api/health' }).first().waitFor();
      assert.equal(
        await page.getByRole('cell', { name: /^GET \/_\// }).count(),
        0,
        "the dashboard's own files are not logged",
      );
      if (dialect === 'sqlite') await inspect(page, 'logs');

      await page.getByLabel('Filter logs').fill('data.status >= 400');
      await page.getByRole('button', { name: 'Apply filter' }).click();
      await page.getByRole('cell', { name: 'GET /api/health' }).first().waitFor({ state: 'detached' });
      const row = page.getByRole('row').filter({ hasText: '/api/collections/nothing-here/records' });
      await row.first().waitFor();
      await row.first().getByRole('link').click();
      await page.getByRole('heading', { name: 'Log entry' }).waitFor();
      await page.getByText('/api/collections/nothing-here/records', { exact: true }).waitFor();
      await page.getByText('404', { exact: true }).waitFor();
      if (dialect === 'sqlite') await inspect(page, 'log-detail');

      await page.goto(`${d.t.url}/_/#/logs`);
      await page.getByLabel('Filter logs').fill('nope ~');
      await page.getByRole('button', { name: 'Apply filter' }).click();
      await page.locator('#logs-error').waitFor();
      assert.deepEqual(cspViolations, []);
      await close();
    });

    it('saves application and mail settings and sends a test email through SMTP', async () => {
      const { page, cspViolations, close } = await openPage(d.browser);
      await signIn(page, d.t, TEST_SUPERUSER.email, TEST_SUPERUSER.password);
      await page.getByRole('link', { name: 'Settings' }).click();
      await page.getByRole('heading', { name: 'Settings', exact: true }).waitFor();
      await page.getByLabel('Application name').fill('Shop Admin');
      await page.getByLabel('Sender address').fill('shop@example.com');
      await page.getByLabel(/Send through an SMTP server/).check();
      await page.getByLabel('SMTP host').fill('127.0.0.1');
      await page.getByLabel('Port', { exact: true }).fill(String(smtp.port));
      if (dialect === 'sqlite') await inspect(page, 'settings');
      await page.getByRole('button', { name: 'Save settings' }).click();
      await page.getByText('Settings saved.').waitFor();
      const settings = (await d.api('/api/settings')).json;
      assert.equal(settings.meta.appName, 'Shop Admin');
      assert.equal(settings.smtp.enabled, true);
      assert.equal(settings.smtp.port, smtp.port);

      await page.getByLabel('Send to').fill('not-an-address');
      await page.getByRole('button', { name: 'Send test email' }).click();
      await page.locator('#test-to-error').waitFor();
      assert.equal(await page.getByLabel('Send to').getAttribute('aria-invalid'), 'true');

      await page.getByLabel('Send to').fill('inbox@example.com');
      await page.getByLabel('Template').selectOption('password-reset');
      await page.getByRole('button', { name: 'Send test email' }).click();
      await page.getByText('Test email sent to inbox@example.com.').waitFor();
      const mail = await smtp.waitFor('inbox@example.com');
      assert.match(mail.from, /shop@example\.com/);
      assert.deepEqual(cspViolations, []);
      await close();
    });

    it('shows a failing SMTP server as an error on the test email', async () => {
      const { page, close } = await openPage(d.browser);
      await signIn(page, d.t, TEST_SUPERUSER.email, TEST_SUPERUSER.password);
      await page.goto(`${d.t.url}/_/#/settings`);
      await page.getByLabel('SMTP host').waitFor();
      await page.getByLabel('Port', { exact: true }).fill('1');
      await page.getByRole('button', { name: 'Save settings' }).click();
      await page.getByText('Settings saved.').waitFor();
      await page.getByLabel('Send to').fill('inbox@example.com');
      await page.getByRole('button', { name: 'Send test email' }).click();
      await page.getByRole('alert').filter({ hasText: 'Failed to send the test email.' }).waitFor();
      await close();
    });
  });
}
