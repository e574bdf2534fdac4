import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { removeDir, TEST_SUPERUSER, tempDir } from '../harness/index.js';
import { inspect, NO_BROWSER, openPage, signIn, useDashboard } from './dashboard.js';

describe('dashboard: request settings, schema export and import, superusers (sqlite)', { skip: NO_BROWSER }, () => {
  const d = useDashboard();
  const files = tempDir();

  after(async () => {
    removeDir(files);
  });

  it('edits rate limit rules, trusted proxy headers, batch limits and log settings', async () => {
    const { page, cspViolations, close } = await openPage(d.browser);
    await signIn(page, d.t, TEST_SUPERUSER.email, TEST_SUPERUSER.password);
    await page.goto(`${d.t.url}/_/#/settings/rate-limits`);
    await page.getByRole('heading', { name: 'Rate limits' }).waitFor();
    await page.getByLabel('Enforce rate limits').check();
    await page.getByRole('button', { name: 'Add rule' }).click();
    await page.getByLabel('Label of rule 5').fill('POST /api/collections/posts/records');
    await page.getByLabel('Audience of rule 5').selectOption('@guest');
    await page.getByLabel('Max requests of rule 5').fill('0');
    await page.getByRole('button', { name: 'Save rate limits' }).click();
    await page.locator('#rl-4-max').waitFor();
    assert.equal(await page.getByLabel('Max requests of rule 5').getAttribute('aria-invalid'), 'true');
    assert.equal((await d.api('/api/settings')).json.rateLimits.enabled, false, 'nothing stored on an error');
    await page.getByLabel('Max requests of rule 5').fill('7');
    await page.getByRole('button', { name: 'Remove rule 1' }).click();
    await inspect(page, 'settings-rate-limits');
    await page.getByRole('button', { name: 'Save rate limits' }).click();
    await page.getByText('Settings saved.').waitFor();
    const limits = (await d.api('/api/settings')).json.rateLimits;
    assert.equal(limits.enabled, true);
    assert.equal(limits.rules.length, 4);
    assert.ok(!limits.rules.some((r: { label: string }) => r.label === '*:auth'));
    assert.deepEqual(limits.rules.at(-1), {
      label: 'POST /api/collections/posts/records',
      audience: '@guest',
      duration: 10,
      maxRequests: 7,
    });

    await page.getByRole('navigation', { name: 'Settings' }).getByRole('link', { name: 'Trusted proxy' }).click();
    await page.getByLabel('Client IP headers').fill('X-Forwarded-For, X-Real-IP');
    await page.getByLabel(/Use the leftmost IP/).check();
    await inspect(page, 'settings-trusted-proxy');
    await page.getByRole('button', { name: 'Save trusted proxy' }).click();
    await page.getByText('Settings saved.').waitFor();
    assert.deepEqual((await d.api('/api/settings')).json.trustedProxy, {
      headers: ['X-Forwarded-For', 'X-Real-IP'],
      useLeftmostIP: true,
    });

    await page.getByRole('navigation', { name: 'Settings' }).getByRole('link', { name: 'Batch requests' }).click();
    await page.getByLabel(/Allow batch requests/).check();
    await page.getByLabel('Max requests per batch').fill('-1');
    await page.getByRole('button', { name: 'Save batch settings' }).click();
    await page.locator('#batch-max-error').waitFor();
    await page.getByLabel('Max requests per batch').fill('20');
    await page.getByRole('button', { name: 'Save batch settings' }).click();
    await page.getByText('Settings saved.').waitFor();
    const batch = (await d.api('/api/settings')).json.batch;
    assert.equal(batch.enabled, true);
    assert.equal(batch.maxRequests, 20);

    await page.getByRole('navigation', { name: 'Settings' }).getByRole('link', { name: 'Logs' }).click();
    await page.getByLabel('Keep logs for (days)').fill('12');
    await page.getByLabel('Lowest level stored').selectOption('warn');
    await page.getByLabel('Record the id of the signed-in record').check();
    await page.getByRole('button', { name: 'Save log settings' }).click();
    await page.getByText('Settings saved.').waitFor();
    assert.deepEqual((await d.api('/api/settings')).json.logs, {
      maxDays: 12,
      minLevel: 4,
      logIP: true,
      logAuthId: true,
    });
    assert.deepEqual(cspViolations, []);
    await close();
  });

  it('exports the collections and imports an edited file after a preview', async () => {
    const posts = { name: 'posts', type: 'base', fields: [{ name: 'title', type: 'text' }] };
    assert.equal((await d.api('/api/collections', { method: 'POST', body: JSON.stringify(posts) })).status, 200);
    const { page, cspViolations, close } = await openPage(d.browser);
    await signIn(page, d.t, TEST_SUPERUSER.email, TEST_SUPERUSER.password);
    await page.goto(`${d.t.url}/_/#/settings/schema`);
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Export collections' }).click(),
    ]);
    const exported = join(files, 'schema.json');
    await download.saveAs(exported);
    const schema = JSON.parse(readFileSync(exported, 'utf8')) as { name: string; system: boolean }[];
    assert.ok(schema.some((c) => c.name === 'posts'));
    assert.ok(schema.some((c) => c.name === '_superusers'));

    const edited = schema.filter((c) => c.name !== 'posts');
    edited.push({ name: 'notes', type: 'base', fields: [{ name: 'body', type: 'text' }] } as never);
    const file = join(files, 'edited.json');
    writeFileSync(file, JSON.stringify(edited));

    await page.getByLabel('Or paste the JSON').fill('{ not json');
    await page.getByRole('button', { name: 'Preview changes' }).click();
    await page.locator('#schema-json-error').waitFor();

    await page.getByLabel('Schema file').setInputFiles(file);
    await page.getByLabel(/Delete collections \(and their records\)/).check();
    await page.getByRole('button', { name: 'Preview changes' }).click();
    await page.getByText('New: notes').waitFor();
    await page.getByText('Deleted with their records: posts').waitFor();
    await inspect(page, 'settings-schema');
    await page.getByRole('button', { name: 'Import collections' }).click();
    await page.getByText('Collections imported.').waitFor();
    const names = (await d.api('/api/collections?perPage=200')).json.items.map((c: { name: string }) => c.name);
    assert.ok(names.includes('notes'));
    assert.ok(!names.includes('posts'));
    assert.deepEqual(cspViolations, []);
    await close();
  });

  it('creates a superuser, changes its password and deletes it', async () => {
    const { page, cspViolations, close } = await openPage(d.browser);
    await signIn(page, d.t, TEST_SUPERUSER.email, TEST_SUPERUSER.password);
    await page.goto(`${d.t.url}/_/#/settings/superusers`);
    await page.getByText('root@example.com').waitFor();
    const form = page.locator('form').filter({ hasText: 'New superuser' });
    await form.getByLabel('Email').fill('ops@example.com');
    await form.getByLabel('Password', { exact: true }).fill('short');
    await form.getByLabel('Repeat the password').fill('short');
    await form.getByRole('button', { name: 'Create superuser' }).click();
    await page.locator('#su-password-error').waitFor();
    await form.getByLabel('Password', { exact: true }).fill('ops-password-123');
    await form.getByLabel('Repeat the password').fill('ops-password-123');
    await form.getByRole('button', { name: 'Create superuser' }).click();
    await page.getByText('Superuser ops@example.com created.').waitFor();
    await inspect(page, 'settings-superusers');

    const card = page.getByRole('listitem').filter({ hasText: 'ops@example.com' });
    await card.getByRole('button', { name: 'Change password of ops@example.com' }).click();
    await card.getByLabel('New password', { exact: true }).fill('ops-password-456');
    await card.getByLabel('Repeat the new password').fill('ops-password-456');
    await card.getByRole('button', { name: 'Save password' }).click();
    await page.getByText(/^Password of ops@example\.com changed/).waitFor();
    const login = await fetch(`${d.t.url}/api/collections/_superusers/auth-with-password`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ identity: 'ops@example.com', password: 'ops-password-456' }),
    });
    assert.equal(login.status, 200, 'the new password signs in');

    await card.getByRole('button', { name: 'Delete' }).click();
    await card.getByRole('button', { name: 'Yes, delete' }).click();
    await page.getByText('Superuser ops@example.com deleted.').waitFor();
    const left = (await d.api('/api/collections/_superusers/records')).json.items.map(
      (r: { email: string }) => r.email,
    );
    assert.deepEqual(left, ['root@example.com']);
    assert.deepEqual(cspViolations, []);
    await close();
  });
});
