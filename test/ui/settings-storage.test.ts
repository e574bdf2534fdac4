import assert from 'node:assert/strict';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { startS3, type TestS3 } from '../files/s3rver.js';
import { removeDir, TEST_SUPERUSER, tempDir } from '../harness/index.js';
import { inspect, NO_BROWSER, openPage, signIn, useDashboard } from './dashboard.js';

describe('dashboard: files storage, backups and cron jobs (sqlite)', { skip: NO_BROWSER }, () => {
  const d = useDashboard();
  let s3: TestS3;
  const downloads = tempDir();

  before(async () => {
    s3 = await startS3('uploads');
  });
  after(async () => {
    await s3?.close();
    removeDir(downloads);
  });

  it('stores files in S3 after a successful connection test, and shows a failing one', async () => {
    const { page, cspViolations, close } = await openPage(d.browser);
    await signIn(page, d.t, TEST_SUPERUSER.email, TEST_SUPERUSER.password);
    await page.getByRole('link', { name: 'Settings' }).click();
    await page.getByRole('navigation', { name: 'Settings' }).getByRole('link', { name: 'Files storage' }).click();
    await page.getByRole('heading', { name: 'Files storage' }).waitFor();
    await page.getByLabel('Use an S3-compatible bucket').check();
    await page.getByLabel('Endpoint', { exact: true }).fill(s3.settings.endpoint);
    await page.getByLabel('Bucket', { exact: true }).fill('uploads');
    await page.getByLabel('Region', { exact: true }).fill('us-east-1');
    await page.getByLabel('Access key').fill('S3RVER');
    await page.getByLabel('Secret', { exact: true }).fill('S3RVER');
    await page.getByLabel(/Force path-style/).check();
    await page.getByText('Save first: the test uses the saved settings.').waitFor();
    await inspect(page, 'settings-storage');
    await page.getByRole('button', { name: 'Save storage settings' }).click();
    await page.getByText('Settings saved.').waitFor();
    const stored = (await d.api('/api/settings')).json;
    assert.equal(stored.s3.enabled, true);
    assert.equal(stored.s3.bucket, 'uploads');
    assert.equal(stored.s3.endpoint, s3.settings.endpoint);
    assert.equal(stored.s3.forcePathStyle, true);
    assert.equal(await page.getByLabel('Secret', { exact: true }).inputValue(), '', 'the secret is never shown back');

    await page.getByRole('button', { name: 'Test connection' }).click();
    await page.getByText(/^Connected: a test object was written/).waitFor();

    await page.getByLabel('Bucket', { exact: true }).fill('no-such-bucket');
    await page.getByRole('button', { name: 'Save storage settings' }).click();
    await page.getByText('Settings saved.').waitFor();
    await page.getByRole('button', { name: 'Test connection' }).click();
    await page.getByRole('alert').filter({ hasText: 'Failed to test the S3 filesystem.' }).waitFor();
    assert.equal((await d.api('/api/settings')).json.s3.secret, undefined);
    assert.deepEqual(cspViolations, []);
    await close();
  });

  it('creates, drills, downloads, uploads and deletes backups, and saves their schedule', async () => {
    await d.api('/api/settings', { method: 'PATCH', body: JSON.stringify({ s3: { enabled: false } }) });
    const { page, cspViolations, close } = await openPage(d.browser);
    await signIn(page, d.t, TEST_SUPERUSER.email, TEST_SUPERUSER.password);
    await page.goto(`${d.t.url}/_/#/settings/backups`);
    await page.getByText('No backups yet.').waitFor();
    await page.getByLabel('Backup name').fill('first.zip');
    await page.getByRole('button', { name: 'Create backup' }).click();
    await page.getByText('Backup created.').waitFor();
    const row = page.getByRole('row').filter({ hasText: 'first.zip' });
    await row.getByText('not drilled yet').waitFor();
    assert.deepEqual(
      (await d.api('/api/backups')).json.map((b: { key: string }) => b.key),
      ['first.zip'],
    );

    await row.getByRole('button', { name: 'Run drill of first.zip' }).click();
    await page.getByText('Drill of first.zip passed.').waitFor();
    await row.getByText(/^passed /).waitFor();
    await inspect(page, 'settings-backups');

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      row.getByRole('button', { name: 'Download first.zip' }).click(),
    ]);
    assert.equal(download.suggestedFilename(), 'first.zip');
    const copy = join(downloads, 'copy.zip');
    await download.saveAs(copy);
    assert.ok(statSync(copy).size > 100);

    await page.getByLabel('Backup file').setInputFiles(copy);
    await page.getByRole('button', { name: 'Upload backup' }).click();
    await page.getByText('Uploaded copy.zip.').waitFor();
    const copyRow = page.getByRole('row').filter({ hasText: 'copy.zip' });
    await copyRow.waitFor();

    await copyRow.getByRole('button', { name: 'Delete' }).click();
    await copyRow.getByRole('button', { name: 'Cancel' }).click();
    assert.equal((await d.api('/api/backups')).json.length, 2, 'cancel deletes nothing');
    await copyRow.getByRole('button', { name: 'Delete' }).click();
    await copyRow.getByRole('button', { name: 'Yes, delete' }).click();
    await page.getByText('Deleted copy.zip.').waitFor();
    await copyRow.waitFor({ state: 'detached' });
    assert.deepEqual(
      (await d.api('/api/backups')).json.map((b: { key: string }) => b.key),
      ['first.zip'],
    );

    await page.getByLabel('Automatic backups (cron)').fill('not a cron');
    await page.getByRole('button', { name: 'Save backup settings' }).click();
    await page.locator('#backups-cron-error').waitFor();
    assert.equal((await d.api('/api/settings')).json.backups.cron, '');
    await page.getByLabel('Automatic backups (cron)').fill('0 3 * * *');
    await page.getByLabel('Automatic backups kept').fill('5');
    await page.getByRole('button', { name: 'Save backup settings' }).click();
    await page.getByText('Settings saved.').waitFor();
    const backups = (await d.api('/api/settings')).json.backups;
    assert.equal(backups.cron, '0 3 * * *');
    assert.equal(backups.cronMaxKeep, 5);
    assert.deepEqual(cspViolations, []);
    await close();
  });

  it('shows that a restore awaits approval under the two-person rule', async () => {
    const second = { email: 'second@example.com', password: 'second-password-1', passwordConfirm: 'second-password-1' };
    assert.equal(
      (await d.api('/api/collections/_superusers/records', { method: 'POST', body: JSON.stringify(second) })).status,
      200,
    );
    assert.equal(
      (await d.api('/api/settings', { method: 'PATCH', body: JSON.stringify({ twoPersonRule: { enabled: true } }) }))
        .status,
      200,
    );
    const { page, close } = await openPage(d.browser);
    await signIn(page, d.t, TEST_SUPERUSER.email, TEST_SUPERUSER.password);
    await page.goto(`${d.t.url}/_/#/settings/backups`);
    const row = page.getByRole('row').filter({ hasText: 'first.zip' });
    await row.getByRole('button', { name: 'Restore' }).click();
    await row.getByRole('button', { name: 'Yes, restore' }).click();
    await page.getByText(/Restore of first\.zip: Waiting for approval/).waitFor();
    const pending = (await d.api(`/api/approvals?filter=${encodeURIComponent('status = "pending"')}`)).json.items;
    assert.deepEqual(
      pending.map((a: { action: string; target: string }) => [a.action, a.target]),
      [['backups.restore', 'first.zip']],
    );
    await close();
  });

  it('lists cron jobs and runs one now, on a phone', async () => {
    const { page, close } = await openPage(d.browser, { phone: true });
    await signIn(page, d.t, TEST_SUPERUSER.email, TEST_SUPERUSER.password);
    await page.goto(`${d.t.url}/_/#/settings/crons`);
    const row = page.getByRole('row').filter({ hasText: '__pbDBOptimize__' });
    await row.getByText('0 0 * * *').waitFor();
    await inspect(page, 'settings-crons-phone');
    await row.getByRole('button', { name: 'Run now: __pbDBOptimize__' }).click();
    await page.getByText('Started __pbDBOptimize__; it runs in the background.').waitFor();
    const audit = (await d.api(`/api/audit?filter=${encodeURIComponent('action = "crons.run"')}`)).json.items;
    assert.equal(audit.length, 1, 'the run is in the audit trail');
    assert.equal(audit[0].outcome, 'success');
    await close();
  });
});
