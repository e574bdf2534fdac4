import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createUser, type ReceivedMail, startSmtp, TEST_SUPERUSER, type TestSmtp } from '../harness/index.js';
import { inspect, NO_BROWSER, openPage, signIn, useDashboard } from './dashboard.js';

/** The address a mail's button points to, as the reader would click it. */
function linkOf(mail: ReceivedMail, action: string): string {
  const m = new RegExp(`href="([^"]*/_/#/auth/${action}/[^"]+)"`).exec(mail.html);
  assert.ok(m?.[1], `no ${action} link in "${mail.subject}"`);
  return m[1];
}

describe('dashboard: password reset by mail and the pages of auth mail links (sqlite)', { skip: NO_BROWSER }, () => {
  const d = useDashboard();
  let smtp: TestSmtp;

  const post = (path: string, body: unknown, auth = '') =>
    fetch(`${d.t.url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(auth ? { authorization: auth } : {}) },
      body: JSON.stringify(body),
    });

  before(async () => {
    smtp = await startSmtp();
    const res = await d.api('/api/settings', {
      method: 'PATCH',
      body: JSON.stringify({
        smtp: { enabled: true, host: '127.0.0.1', port: smtp.port, tls: false },
        meta: { appURL: d.t.url },
      }),
    });
    assert.equal(res.status, 200);
  });
  after(async () => {
    await smtp?.close();
  });

  it('resets a forgotten superuser password through the link in the mail', async () => {
    const { page, cspViolations, close } = await openPage(d.browser);
    await page.goto(`${d.t.url}/_/`);
    await page.getByRole('button', { name: 'Forgot password?' }).click();
    await page.getByRole('heading', { name: 'Reset your password' }).waitFor();
    await page.getByLabel('Email').fill(TEST_SUPERUSER.email);
    await inspect(page, 'forgot-password');
    await page.getByRole('button', { name: 'Send reset link' }).click();
    await page.getByText(/a mail with a reset link is on its way/).waitFor();

    const link = linkOf(await smtp.waitFor(TEST_SUPERUSER.email), 'confirm-password-reset');
    assert.ok(link.startsWith(`${d.t.url}/_/#/auth/confirm-password-reset/`));
    await page.goto(link);
    await page.getByRole('heading', { name: 'Choose a new password' }).waitFor();
    await page.waitForURL((url) => url.hash === '#/auth/confirm-password-reset');
    await page.getByLabel('New password', { exact: true }).fill('brand-new-password-1');
    await page.getByLabel('Repeat the new password').fill('something-else-123');
    await page.getByRole('button', { name: 'Set new password' }).click();
    await page.locator('#reset-confirm-error').waitFor();
    await inspect(page, 'confirm-password-reset');
    await page.getByLabel('Repeat the new password').fill('brand-new-password-1');
    await page.getByRole('button', { name: 'Set new password' }).click();
    await page.getByText('Your password has been changed: sign in with the new one.').waitFor();

    const old = await post('/api/collections/_superusers/auth-with-password', {
      identity: TEST_SUPERUSER.email,
      password: TEST_SUPERUSER.password,
    });
    assert.equal(old.status, 400, 'the old password no longer signs in');
    await page.getByRole('link', { name: 'Sign in to the dashboard' }).click();
    await signIn(page, d.t, TEST_SUPERUSER.email, 'brand-new-password-1');
    assert.deepEqual(cspViolations, []);
    await close();
  });

  it('confirms a verification and an email change of a users record, and refuses a bad link', async () => {
    const user = await createUser(d.t, 'reader@example.com', { password: 'reader-password-1' });
    assert.equal((await post('/api/collections/users/request-verification', { email: user.email })).status, 204);
    const { page, cspViolations, close } = await openPage(d.browser);
    await page.goto(linkOf(await smtp.waitFor(user.email), 'confirm-verification'));
    await page.getByText('Your email address is verified. You can close this page.').waitFor();
    await inspect(page, 'confirm-verification');
    const superuser = (
      (await (
        await post('/api/collections/_superusers/auth-with-password', {
          identity: TEST_SUPERUSER.email,
          password: 'brand-new-password-1',
        })
      ).json()) as { token: string }
    ).token;
    const read = async () =>
      (await (
        await fetch(`${d.t.url}/api/collections/users/records/${user.id}`, { headers: { authorization: superuser } })
      ).json()) as {
        email: string;
        verified: boolean;
      };
    assert.equal((await read()).verified, true);

    const change = await post(
      '/api/collections/users/request-email-change',
      { newEmail: 'reader2@example.com' },
      user.token,
    );
    assert.equal(change.status, 204);
    await page.goto(linkOf(await smtp.waitFor('reader2@example.com'), 'confirm-email-change'));
    await page.getByText('reader2@example.com').waitFor();
    await page.getByLabel('Your password').fill('wrong-password-1');
    await page.getByRole('button', { name: 'Confirm new email' }).click();
    await page.locator('#change-password-error').waitFor();
    assert.equal((await read()).email, 'reader@example.com', 'nothing changes on an error');
    await page.getByLabel('Your password').fill('reader-password-1');
    await page.getByRole('button', { name: 'Confirm new email' }).click();
    await page.getByText('Your email address is now reader2@example.com.').waitFor();
    assert.equal((await read()).email, 'reader2@example.com');

    await page.goto(`${d.t.url}/_/#/auth/confirm-password-reset/not-a-token`);
    await page.getByText(/This link is invalid or incomplete/).waitFor();
    assert.deepEqual(cspViolations, []);
    await close();
  });
});
