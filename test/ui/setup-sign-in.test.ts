import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { issueSetupToken } from '../../src/core/setup/first-run.js';
import { DIALECTS } from '../harness/index.js';
import { inspect, NO_BROWSER, openPage, signIn, useDashboard } from './dashboard.js';

for (const dialect of DIALECTS) {
  describe(`dashboard: first run, sign in and out (${dialect})`, { skip: NO_BROWSER }, () => {
    const d = useDashboard({ app: { dialect }, superuser: false });

    it('creates the first superuser from the one-time link, showing field errors in place', async () => {
      const { page, cspViolations, close } = await openPage(d.browser);
      await page.goto(`${d.t.url}/_/#/setup?token=${issueSetupToken(d.t.app)}`);
      await page.getByRole('heading', { name: 'Create the first superuser' }).waitFor();
      assert.equal(new URL(page.url()).hash, '#/setup', 'the token is dropped from the address bar');
      if (dialect === 'sqlite') await inspect(page, 'setup');

      await page.getByLabel('Email').fill('not-an-email');
      await page.getByLabel('Password', { exact: true }).fill('short');
      await page.getByLabel('Repeat the password').fill('short');
      await page.getByRole('button', { name: 'Create superuser and sign in' }).click();
      await page.getByText('Must be a valid email address.').waitFor();
      assert.equal(await page.getByLabel('Email').getAttribute('aria-invalid'), 'true');

      await page.getByLabel('Email').fill('owner@example.com');
      await page.getByLabel('Password', { exact: true }).fill('owner-password-1');
      await page.getByLabel('Repeat the password').fill('owner-password-1');
      await page.getByRole('button', { name: 'Create superuser and sign in' }).click();
      await page.getByRole('navigation', { name: 'Main' }).waitFor();
      await page.getByText('owner@example.com').waitFor();
      const stored = (await page.evaluate(`localStorage.getItem('basalt_dashboard_auth') ?? ''`)) as string;
      const session = JSON.parse(stored).token as string;
      assert.ok(session.length > 20, 'the session is kept in localStorage');
      assert.ok(!page.url().includes(session), 'and never in the URL');
      assert.deepEqual(cspViolations, []);
      await close();
    });

    it('says so when the link has been used', async () => {
      const { page, close } = await openPage(d.browser);
      await page.goto(`${d.t.url}/_/#/setup?token=${issueSetupToken(d.t.app)}`);
      await page.getByLabel('Email').fill('other@example.com');
      await page.getByLabel('Password', { exact: true }).fill('other-password-1');
      await page.getByLabel('Repeat the password').fill('other-password-1');
      await page.getByRole('button', { name: 'Create superuser and sign in' }).click();
      await page.getByText('A superuser exists already: this setup link has been used.').waitFor();
      await close();
    });

    it('signs in, refuses a wrong password with a visible message, and signs out', async () => {
      const { page, cspViolations, close } = await openPage(d.browser);
      await page.goto(`${d.t.url}/_/`);
      await page.getByRole('heading', { name: 'Sign in to Basalt' }).waitFor();
      if (dialect === 'sqlite') await inspect(page, 'sign-in');
      await page.getByLabel('Email').fill('owner@example.com');
      await page.getByLabel('Password').fill('wrong-password');
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.getByRole('alert').filter({ hasText: 'Failed to authenticate.' }).waitFor();

      await signIn(page, d.t, 'owner@example.com', 'owner-password-1');
      assert.doesNotMatch(page.url(), /token=/);
      await page.getByRole('button', { name: 'Sign out' }).click();
      await page.getByRole('heading', { name: 'Sign in to Basalt' }).waitFor();
      await page.reload();
      await page.getByRole('heading', { name: 'Sign in to Basalt' }).waitFor();
      assert.deepEqual(cspViolations, []);
      await close();
    });

    it('works by keyboard alone, with a visible focus ring', async () => {
      const { page, close } = await openPage(d.browser);
      await page.goto(`${d.t.url}/_/`);
      await page.getByRole('heading', { name: 'Sign in to Basalt' }).waitFor();
      await page.keyboard.press('Tab');
      await page.keyboard.press('Tab');
      assert.equal(await page.evaluate('document.activeElement?.id'), 'login-email');
      const outline = await page.evaluate('getComputedStyle(document.activeElement).outlineStyle');
      assert.equal(outline, 'solid', 'the focused control shows an outline');
      await page.keyboard.type('owner@example.com');
      await page.keyboard.press('Tab');
      await page.keyboard.type('owner-password-1');
      await page.keyboard.press('Enter');
      await page.getByRole('navigation', { name: 'Main' }).waitFor();
      await close();
    });
  });
}
