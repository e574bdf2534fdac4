import assert from 'node:assert/strict';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { DIALECTS, launchChromium, sdkPageServer, startApp, type TestApp } from '../harness/index.js';
import { startOidcProvider, type TestOidcProvider } from './oidc-provider.js';
import { api, countRows, enableOAuth2, type Json } from './setup.js';

const ACCOUNTS = {
  ann: {
    email: 'ann.popup@example.com',
    email_verified: true,
    name: 'Ann Popup',
    preferred_username: 'annp',
    picture: '',
  },
};

/**
 * A page on its own origin that loads the SDK's browser bundle; its button starts the all-in-one
 * sign-in (the click is the user gesture a popup needs) and keeps the outcome for the test to read.
 */
function pageServer(apiUrl: string): Promise<Server> {
  const html = `<!doctype html><meta charset="utf-8"><title>sign in</title>
<script src="/pocketbase.umd.js"></script>
<button id="signin">Sign in with OpenID</button>
<script>
  window.pb = new PocketBase(${JSON.stringify(apiUrl)});
  window.outcome = null;
  document.getElementById('signin').addEventListener('click', () => {
    pb.collection('users')
      .authWithOAuth2({ provider: 'oidc', createData: { emailVisibility: true } })
      .then(
        (auth) => { window.outcome = { ok: true, auth, valid: pb.authStore.isValid, stored: pb.authStore.token }; },
        (err) => { window.outcome = { ok: false, cause: String(err && err.originalError && err.originalError.message) }; },
      );
  });
</script>`;
  return sdkPageServer(html);
}

describe('the all-in-one OAuth2 flow in a real browser (Chromium)', () => {
  let browser: Browser;
  before(async () => {
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
  });

  for (const dialect of DIALECTS) {
    describe(dialect, () => {
      let t: TestApp;
      let op: TestOidcProvider;
      let site: Server;
      let siteURL: string;

      before(async () => {
        t = await startApp({ dialect });
        // the provider sends the browser back to the app's redirect endpoint, which relays to the page
        op = await startOidcProvider(ACCOUNTS, `${t.url}/api/oauth2-redirect`);
        await enableOAuth2(t, [
          { name: 'oidc', clientId: op.clientId, clientSecret: op.clientSecret, extra: { issuer: op.issuer } },
        ]);
        site = await pageServer(t.url);
        siteURL = `http://127.0.0.1:${(site.address() as AddressInfo).port}/`;
      });
      after(async () => {
        await new Promise((r) => site?.close(r));
        await op?.close();
        await t?.close();
      });

      /** A fresh browser profile (no provider session) with the page loaded; the popup it opens on click. */
      async function startSignIn(): Promise<{ context: BrowserContext; page: Page; popup: Page }> {
        const context = await browser.newContext();
        const page = await context.newPage();
        await page.goto(siteURL);
        const [popup] = await Promise.all([page.waitForEvent('popup'), page.click('#signin')]);
        return { context, page, popup };
      }

      /** Waits for the page's authWithOAuth2 promise to settle and returns how it did. */
      async function outcome(page: Page): Promise<Json> {
        const handle = await page.waitForFunction(() => (globalThis as any).outcome, undefined);
        return (await handle.jsonValue()) as Json;
      }

      /** What a person does in the popup: sign in on the provider's login page, then allow on its consent page. */
      async function loginAndConsent(popup: Page, login: string): Promise<void> {
        await popup.waitForSelector('input[name="login"]');
        assert.ok(popup.url().startsWith(`${op.issuer}/interaction/`), popup.url());
        await popup.fill('input[name="login"]', login);
        await popup.fill('input[name="password"]', 'any password');
        await popup.click('button[type="submit"]');
        await popup.waitForSelector('input[name="prompt"][value="consent"]', { state: 'attached' });
        await popup.click('button[type="submit"]');
      }

      it('signs a new user up through the popup: the page gets a token and the record, and the link is stored', async () => {
        const { context, page, popup } = await startSignIn();
        try {
          const closed = popup.waitForEvent('close');
          await loginAndConsent(popup, 'ann');
          const result = await outcome(page);
          assert.equal(result.ok, true, JSON.stringify(result));
          const { auth } = result;
          assert.equal(typeof auth.token, 'string');
          assert.ok(auth.token.length > 20);
          assert.equal(result.valid, true, 'the SDK keeps the session in its auth store');
          assert.equal(result.stored, auth.token);
          assert.equal(auth.record.collectionName, 'users');
          assert.equal(auth.record.email, 'ann.popup@example.com');
          assert.equal(auth.record.verified, true);
          assert.equal(auth.record.emailVisibility, true, 'createData given to authWithOAuth2 is applied');
          assert.equal(auth.record.name, 'Ann Popup');
          assert.equal(auth.meta.isNew, true);
          assert.equal(auth.meta.id, 'ann');
          assert.equal(auth.meta.email, 'ann.popup@example.com');
          await closed; // the SDK closes its popup once the redirect reached it

          const me = await api(t, 'POST', '/api/collections/users/auth-refresh', undefined, auth.token);
          assert.equal(me.status, 200, 'the token from the browser is a working session');
          assert.equal(me.body.record.id, auth.record.id);
          const links = await api(
            t,
            'GET',
            `/api/collections/_externalAuths/records?filter=${encodeURIComponent(`recordRef='${auth.record.id}'`)}`,
            undefined,
            await t.superuserToken(),
          );
          assert.equal(links.status, 200, JSON.stringify(links.body));
          assert.equal(links.body.items.length, 1);
          assert.equal(links.body.items[0].collectionRef, auth.record.collectionId);
          assert.equal(links.body.items[0].provider, 'oidc');
          assert.equal(links.body.items[0].providerId, 'ann');
        } finally {
          await context.close();
        }
      });

      it('signs the same person in again, through the link, without creating anything', async () => {
        const users = await countRows(t, 'users');
        const links = await countRows(t, '_externalAuths');
        const { context, page, popup } = await startSignIn();
        try {
          await loginAndConsent(popup, 'ann');
          const result = await outcome(page);
          assert.equal(result.ok, true, JSON.stringify(result));
          assert.equal(result.auth.meta.isNew, false);
          assert.equal(result.auth.record.email, 'ann.popup@example.com');
          assert.equal(await countRows(t, 'users'), users);
          assert.equal(await countRows(t, '_externalAuths'), links);
        } finally {
          await context.close();
        }
      });

      it('rejects the page promise when the person cancels at the provider, and creates nothing', async () => {
        const users = await countRows(t, 'users');
        const { context, page, popup } = await startSignIn();
        try {
          await popup.waitForSelector('input[name="login"]');
          await popup.click('text=[ Cancel ]');
          const result = await outcome(page);
          assert.equal(result.ok, false);
          // the provider's error reached the page through the redirect relay
          assert.match(result.cause, /^OAuth2 redirect error or missing code: access_denied$/);
          assert.equal(await countRows(t, 'users'), users);
        } finally {
          await context.close();
        }
      });
    });
  }
});
