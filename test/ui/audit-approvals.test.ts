import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { TEST_SUPERUSER } from '../harness/index.js';
import { inspect, NO_BROWSER, openPage, signIn, useDashboard } from './dashboard.js';

const SECOND = { email: 'second@example.com', password: 'second-password-1' };

describe('dashboard: audit log and approvals (sqlite)', { skip: NO_BROWSER }, () => {
  const d = useDashboard();
  const createCollection = (name: string) =>
    d.api('/api/collections', { method: 'POST', body: JSON.stringify({ name, type: 'base', fields: [] }) });

  it('lists the audit trail, filters it and shows an entry in detail', async () => {
    assert.equal((await createCollection('orders')).status, 200);
    assert.equal((await createCollection('bad name!')).status, 400);
    const { page, cspViolations, close } = await openPage(d.browser);
    await signIn(page, d.t, TEST_SUPERUSER.email, TEST_SUPERUSER.password);
    await page.goto(`${d.t.url}/_/#/settings/audit`);
    await page.getByRole('heading', { name: 'Audit log' }).waitFor();
    const created = page.getByRole('row').filter({ hasText: 'collections.create' });
    await created.filter({ hasText: 'orders' }).waitFor();
    await created.filter({ hasText: 'error' }).waitFor();
    await inspect(page, 'settings-audit');

    await page.getByLabel('Filter the audit log').fill('action = "collections.create" && outcome = "success"');
    await page.getByRole('button', { name: 'Apply filter' }).click();
    await created.filter({ hasText: 'error' }).waitFor({ state: 'detached' });
    await created.filter({ hasText: 'orders' }).getByRole('link').click();
    await page.getByRole('heading', { name: 'Audit entry' }).waitFor();
    await page.getByText('collections.create', { exact: true }).waitFor();
    await page.getByText('root@example.com (superuser)').waitFor();
    await page.getByText(/"diff"/).waitFor();
    await inspect(page, 'settings-audit-entry');

    await page.getByRole('link', { name: 'Back to the audit log' }).click();
    await page.getByLabel('Filter the audit log').fill('nope ~');
    await page.getByRole('button', { name: 'Apply filter' }).click();
    await page.locator('#audit-error').waitFor();
    assert.deepEqual(cspViolations, []);
    await close();
  });

  it('lets a second superuser approve or reject held-back actions', async () => {
    const second = { ...SECOND, passwordConfirm: SECOND.password };
    assert.equal(
      (await d.api('/api/collections/_superusers/records', { method: 'POST', body: JSON.stringify(second) })).status,
      200,
    );
    assert.equal((await createCollection('drafts')).status, 200);
    assert.equal(
      (await d.api('/api/settings', { method: 'PATCH', body: JSON.stringify({ twoPersonRule: { enabled: true } }) }))
        .status,
      200,
    );
    assert.equal((await d.api('/api/collections/orders', { method: 'DELETE' })).status, 202);
    assert.equal((await d.api('/api/collections/drafts', { method: 'DELETE' })).status, 202);

    const mine = await openPage(d.browser);
    await signIn(mine.page, d.t, TEST_SUPERUSER.email, TEST_SUPERUSER.password);
    await mine.page.goto(`${d.t.url}/_/#/settings/approvals`);
    await mine.page.getByRole('row').filter({ hasText: 'orders' }).waitFor();
    assert.equal(
      await mine.page.getByRole('button', { name: /^Approve/ }).count(),
      0,
      'nobody approves their own request',
    );
    await mine.page.getByRole('button', { name: 'Withdraw collections.delete on orders' }).waitFor();
    await mine.close();

    const { page, cspViolations, close } = await openPage(d.browser);
    await signIn(page, d.t, SECOND.email, SECOND.password);
    await page.goto(`${d.t.url}/_/#/settings/approvals`);
    const orders = page.getByRole('row').filter({ hasText: 'orders' });
    await orders.getByText('root@example.com').waitFor();
    await inspect(page, 'settings-approvals');
    await orders.getByRole('button', { name: 'Approve collections.delete on orders' }).click();
    await page.getByText('Approved collections.delete on orders: it has run.').waitFor();
    await orders.waitFor({ state: 'detached' });
    assert.equal((await d.api('/api/collections/orders')).status, 404, 'the approved deletion ran');

    await page.getByRole('button', { name: 'Reject collections.delete on drafts' }).click();
    await page.getByText('Rejected collections.delete on drafts.').waitFor();
    assert.equal((await d.api('/api/collections/drafts')).status, 200, 'a rejected action never runs');
    await page.getByLabel('Show').selectOption('rejected');
    await page.getByRole('row').filter({ hasText: 'drafts' }).filter({ hasText: SECOND.email }).waitFor();
    assert.deepEqual(cspViolations, []);
    await close();
  });
});
