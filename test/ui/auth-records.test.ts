import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { insertSystemRow } from '../../src/core/auth/system-rows.js';
import { createUser, startSmtp, TEST_SUPERUSER, type TestSmtp, type TestUser, useSmtp } from '../harness/index.js';
import { inspect, NO_BROWSER, openPage, signIn, useDashboard } from './dashboard.js';

// The dashboard is an API client: the API suites cover both databases, so this runs on SQLite only.
describe('dashboard: auth records (sqlite)', { skip: NO_BROWSER }, () => {
  const d = useDashboard();
  let smtp: TestSmtp;
  let ann: TestUser;

  before(async () => {
    smtp = await startSmtp();
    useSmtp(d.t.app, smtp);
    ann = await createUser(d.t, 'ann@example.com');
    const users = d.t.app.collections.find('users');
    assert.ok(users);
    await insertSystemRow(d.t.app.store, '_externalAuths', {
      collectionRef: users.id,
      recordRef: ann.id,
      provider: 'github',
      providerId: 'gh-4242',
    });
    await insertSystemRow(d.t.app.store, '_authOrigins', {
      collectionRef: users.id,
      recordRef: ann.id,
      fingerprint: 'f1ngerpr1nt0fa11ce',
    });
  });
  after(async () => {
    await smtp?.close();
  });

  it('impersonates, sends verification and password reset mails, and lists linked accounts and origins', async () => {
    const { page, cspViolations, close } = await openPage(d.browser);
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: d.t.url });
    await signIn(page, d.t, TEST_SUPERUSER.email, TEST_SUPERUSER.password);
    await page.goto(`${d.t.url}/_/#/collections/users/records/${ann.id}`);
    await page.getByRole('heading', { name: 'Auth record' }).waitFor();

    const accounts = page.getByRole('region', { name: 'Linked OAuth2 accounts' });
    await accounts.getByRole('cell', { name: 'github' }).waitFor();
    await accounts.getByRole('cell', { name: 'gh-4242' }).waitFor();
    await page
      .getByRole('region', { name: 'Sign-in origins' })
      .getByRole('cell', { name: 'f1ngerpr1nt0fa11ce' })
      .waitFor();

    await page.getByLabel('Token lifetime in seconds').fill('600');
    await page.getByRole('button', { name: 'Impersonate' }).click();
    const box = page.getByLabel('Token for ann@example.com');
    await box.waitFor();
    const token = await box.inputValue();
    const claims = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8'));
    assert.equal(claims.id, ann.id);
    const left = claims.exp - Date.now() / 1000;
    assert.ok(left > 500 && left <= 600, `the token lives the chosen 600 s (${left} s left)`);
    const asAnn = await fetch(`${d.t.url}/api/collections/users/records/${ann.id}`, {
      headers: { authorization: token },
    });
    assert.equal(asAnn.status, 200, 'the token acts as the user');
    await page.getByRole('button', { name: 'Copy token' }).click();
    await page.getByText('Token copied.').waitFor();
    assert.equal(await page.evaluate('navigator.clipboard.readText()'), token);

    await page.getByRole('button', { name: 'Send verification mail' }).click();
    await page.getByText('Verification mail sent to ann@example.com.').waitFor();
    const verify = await smtp.waitFor('ann@example.com', 1);
    assert.match(verify.subject, /verif/i);
    await page.getByRole('button', { name: 'Send password reset mail' }).click();
    await page.getByText('Password reset mail sent to ann@example.com.').waitFor();
    const reset = await smtp.waitFor('ann@example.com', 2);
    assert.match(reset.subject, /password/i);
    await inspect(page, 'auth-record');
    assert.deepEqual(cspViolations, []);
    await close();
  });

  it('shows the server error when a mail cannot be sent', async () => {
    const { page, close } = await openPage(d.browser);
    await signIn(page, d.t, TEST_SUPERUSER.email, TEST_SUPERUSER.password);
    await page.goto(`${d.t.url}/_/#/collections/users/records/${ann.id}`);
    await page.getByRole('heading', { name: 'Auth record' }).waitFor();
    // the collection stops allowing password sign-in: a password reset is refused by the server
    const users = await fetch(`${d.t.url}/api/collections/users`, {
      method: 'PATCH',
      headers: { authorization: await d.t.superuserToken(), 'content-type': 'application/json' },
      body: JSON.stringify({ passwordAuth: { enabled: false } }),
    });
    assert.equal(users.status, 200);
    const before = smtp.to('ann@example.com').length;
    await page.getByRole('button', { name: 'Send password reset mail' }).click();
    await page.locator('.banner.error').waitFor();
    assert.equal(smtp.to('ann@example.com').length, before);
    await close();
  });
});
