import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { providerNames } from '../../src/core/auth/oauth2/registry.js';
import { TEST_SUPERUSER } from '../harness/index.js';
import { inspect, NO_BROWSER, openPage, signIn, useDashboard } from './dashboard.js';

// the dashboard is an API client: the API suites cover both databases, this one runs on SQLite
describe('dashboard: auth collections (sqlite)', { skip: NO_BROWSER }, () => {
  const d = useDashboard();

  it('creates an auth collection with its options, showing each server error next to its option', async () => {
    const { page, cspViolations, close } = await openPage(d.browser);
    await signIn(page, d.t, TEST_SUPERUSER.email, TEST_SUPERUSER.password);
    await page.goto(`${d.t.url}/_/#/collections/new`);
    await page.getByRole('heading', { name: 'New collection' }).waitFor();
    await page.getByLabel('Name', { exact: true }).fill('members');
    await page.getByLabel('Type', { exact: true }).selectOption('auth');
    await page.getByRole('heading', { name: 'Auth options' }).waitFor();
    // the auth system fields come from the server's scaffold, the custom field after them
    const index = await page.locator('ol.fields > li').count();
    await page.locator('#add-type').selectOption('text');
    await page.getByRole('button', { name: 'Add field' }).click();
    await page.locator(`#field-${index}-name`).fill('username');

    await page.getByLabel('Allow signing in with a mailed code').check();
    await page.locator('#auth-otp-length').fill('2');
    await page.getByLabel('Allow signing in with OAuth2 providers').check();
    await page.getByRole('button', { name: 'Add provider' }).click();
    const offered = await page.locator('#provider-0-name option').allTextContents();
    assert.deepEqual(offered, providerNames(), 'every provider the server knows is offered');
    await page.locator('#provider-0-name').selectOption('google');
    await page.locator('#provider-0-clientId').fill('client-123');
    await page.locator('#token-authToken').fill('3600');
    await page.getByText('Verification mail').click();
    await page.getByLabel('Verification subject').fill('Welcome to {APP_NAME}');
    await inspect(page, 'collection-auth-options');

    await page.getByRole('button', { name: 'Create collection' }).click();
    await page.locator('#auth-otp-length-error').waitFor();
    assert.match((await page.locator('#auth-otp-length-error').textContent()) ?? '', /4/);
    await page.locator('#provider-0-clientSecret-error').waitFor();
    assert.equal(await page.locator('#provider-0-clientSecret').getAttribute('aria-invalid'), 'true');
    assert.equal((await d.api('/api/collections/members')).status, 404, 'nothing was created');

    await page.locator('#auth-otp-length').fill('6');
    await page.locator('#provider-0-clientSecret').fill('secret-456');
    await page.getByRole('group', { name: 'Identity fields' }).getByLabel('username').check();
    await page.getByRole('button', { name: 'Create collection' }).click();
    // an identity field needs a unique index: the error sits by the identity fields
    const identityError = page.getByRole('alert').filter({ hasText: /^Identity fields:/ });
    await identityError.waitFor();
    assert.equal((await d.api('/api/collections/members')).status, 404);

    await page.getByRole('group', { name: 'Index columns' }).getByLabel('username').check();
    await page.getByLabel('Unique', { exact: true }).check();
    await page.getByRole('button', { name: 'Add index' }).click();
    await page.getByRole('button', { name: 'Create collection' }).click();
    await page.getByRole('heading', { name: 'Edit members' }).waitFor();

    const stored = (await d.api('/api/collections/members')).json;
    assert.equal(stored.type, 'auth');
    assert.equal(stored.otp.enabled, true);
    assert.equal(stored.otp.length, 6);
    assert.equal(stored.oauth2.enabled, true);
    assert.equal(stored.oauth2.providers[0].name, 'google');
    assert.equal(stored.oauth2.providers[0].clientId, 'client-123');
    assert.deepEqual(stored.passwordAuth.identityFields.sort(), ['email', 'username']);
    assert.equal(stored.authToken.duration, 3600);
    assert.equal(stored.verificationTemplate.subject, 'Welcome to {APP_NAME}');
    assert.ok(
      stored.indexes.some((sql: string) => /UNIQUE/i.test(sql) && /`username`/.test(sql)),
      stored.indexes.join('\n'),
    );
    assert.ok(stored.fields.some((f: any) => f.name === 'email' && f.system));

    // the stored secret is never shown, and saving without retyping it keeps it working
    assert.equal(await page.locator('#provider-0-clientSecret').inputValue(), '');
    await page.locator('#rule-manageRule').waitFor();
    await page.getByRole('checkbox', { name: 'Locked (superusers only)' }).last().uncheck();
    await page.locator('#rule-manageRule').fill('');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.locator('#rule-manageRule-error').waitFor();
    await page.locator('#rule-manageRule').fill('@request.auth.id != ""');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.getByText('Collection saved.').waitFor();
    const updated = (await d.api('/api/collections/members')).json;
    assert.equal(updated.manageRule, '@request.auth.id != ""');
    assert.equal(updated.oauth2.providers[0].clientId, 'client-123');
    assert.deepEqual(cspViolations, []);
    await close();
  });
});
