import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import PocketBase from 'pocketbase';
import { createUser, DIALECTS, startApp, type TestApp } from '../harness/index.js';
import { startOidcProvider, type TestOidcProvider } from './oidc-provider.js';
import { api, countRows, enableOAuth2, type Json } from './setup.js';

const ACCOUNTS = {
  ann: {
    email: 'ann@example.com',
    email_verified: true,
    name: 'Ann Lee',
    preferred_username: 'ann',
    picture: 'https://img.example.com/ann.png',
  },
  bob: { email: 'bob@example.com', email_verified: true, name: 'Bob', preferred_username: 'bob', picture: '' },
  carol: { email: 'carol@example.com', email_verified: true, name: 'Carol', preferred_username: 'carol', picture: '' },
  dan: { email: 'dan@example.com', email_verified: true, name: 'Dan', preferred_username: 'dan', picture: '' },
  eve: { email: 'eve@example.com', email_verified: false, name: 'Eve', preferred_username: 'eve', picture: '' },
};

for (const dialect of DIALECTS) {
  describe(`OAuth2 with an OpenID provider (${dialect})`, () => {
    let t: TestApp;
    let op: TestOidcProvider;

    before(async () => {
      [t, op] = await Promise.all([startApp({ dialect }), startOidcProvider(ACCOUNTS)]);
      await enableOAuth2(t, [
        { name: 'oidc', clientId: op.clientId, clientSecret: op.clientSecret, extra: { issuer: op.issuer } },
      ]);
    });
    after(async () => {
      await t?.close();
      await op?.close();
    });

    async function provider(): Promise<Json> {
      const res = await api(t, 'GET', '/api/collections/users/auth-methods');
      assert.equal(res.status, 200);
      const p = res.body.oauth2.providers.find((x: Json) => x.name === 'oidc');
      assert.ok(p, 'auth-methods lists the oidc provider');
      return p;
    }

    /** Starts a sign-in at auth-methods and takes it through the provider: the code and its verifier. */
    async function codeFor(account: string): Promise<{ code: string; codeVerifier: string }> {
      const p = await provider();
      return { code: await op.signIn(p.authURL, account), codeVerifier: p.codeVerifier };
    }

    const exchange = (body: Json, token?: string) =>
      api(
        t,
        'POST',
        '/api/collections/users/auth-with-oauth2',
        { provider: 'oidc', redirectURL: op.redirectURL, ...body },
        token,
      );

    it('lists the provider with a fresh state, PKCE and an authorization URL from discovery', async () => {
      const [a, b] = [await provider(), await provider()];
      assert.equal(a.displayName, 'OpenID Connect');
      assert.notEqual(a.state, b.state);
      assert.equal(a.state.length, 30);
      assert.equal(a.codeVerifier.length, 43);
      assert.equal(a.codeChallenge, createHash('sha256').update(a.codeVerifier).digest('base64url'));
      assert.equal(a.codeChallengeMethod, 'S256');
      assert.equal(a.authUrl, a.authURL);
      assert.ok(a.authURL.startsWith(`${op.issuer}/auth?`), a.authURL);
      assert.ok(a.authURL.endsWith('&redirect_uri='), a.authURL);
      const url = new URL(a.authURL);
      assert.equal(url.searchParams.get('client_id'), op.clientId);
      assert.equal(url.searchParams.get('state'), a.state);
      assert.equal(url.searchParams.get('code_challenge'), a.codeChallenge);
      assert.equal(url.searchParams.get('scope'), 'openid email profile');
      assert.ok(url.searchParams.get('nonce'));
    });

    it('creates the user on first sign-in, with createData and the mapped name, verified and linked', async () => {
      const { code, codeVerifier } = await codeFor('ann');
      const res = await exchange({ code, codeVerifier, createData: { emailVisibility: true } });
      assert.equal(res.status, 200, JSON.stringify(res.body));
      const { record, meta, token } = res.body;
      assert.equal(record.email, 'ann@example.com');
      assert.equal(record.verified, true);
      assert.equal(record.emailVisibility, true);
      assert.equal(record.name, 'Ann Lee');
      // the avatar field of `users` is a file field: the URL is not stored there
      assert.equal(record.avatar, '');
      assert.equal(meta.isNew, true);
      assert.equal(meta.id, 'ann');
      assert.equal(meta.email, 'ann@example.com');
      assert.equal(meta.username, 'ann');
      assert.equal(meta.avatarURL, 'https://img.example.com/ann.png');
      assert.equal(meta.avatarUrl, meta.avatarURL);
      assert.equal(meta.rawUser.sub, 'ann');
      assert.ok(meta.accessToken);
      assert.match(meta.expiry, /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{3}Z$/);
      const refresh = await api(t, 'POST', '/api/collections/users/auth-refresh', undefined, token);
      assert.equal(refresh.status, 200);
      const links = await api(
        t,
        'GET',
        `/api/collections/_externalAuths/records?filter=recordRef='${record.id}'`,
        undefined,
        token,
      );
      assert.equal(links.status, 200);
      assert.equal(links.body.items.length, 1);
      assert.equal(links.body.items[0].provider, 'oidc');
      assert.equal(links.body.items[0].providerId, 'ann');
    });

    it('signs the same person in again through the link, and refuses a replayed code', async () => {
      const { code, codeVerifier } = await codeFor('ann');
      const first = await exchange({ code, codeVerifier });
      assert.equal(first.status, 200);
      assert.equal(first.body.meta.isNew, false);
      const users = await countRows(t, 'users');
      const links = await countRows(t, '_externalAuths');
      const replay = await exchange({ code, codeVerifier });
      assert.equal(replay.status, 400);
      assert.deepEqual(replay.body, { data: {}, message: 'Failed to fetch OAuth2 token.', status: 400 });
      assert.equal(await countRows(t, 'users'), users);
      assert.equal(await countRows(t, '_externalAuths'), links);
    });

    it('refuses a code with the wrong PKCE verifier and creates nothing', async () => {
      const { code } = await codeFor('dan');
      const other = await provider();
      const users = await countRows(t, 'users');
      const res = await exchange({ code, codeVerifier: other.codeVerifier });
      assert.equal(res.status, 400);
      assert.equal(res.body.message, 'Failed to fetch OAuth2 token.');
      assert.equal(await countRows(t, 'users'), users);
    });

    it('links an unverified account with the same email, verifies it and retires its password', async () => {
      const bob = await createUser(t, 'bob@example.com', { data: { verified: false } });
      const { code, codeVerifier } = await codeFor('bob');
      const res = await exchange({ code, codeVerifier });
      assert.equal(res.status, 200, JSON.stringify(res.body));
      assert.equal(res.body.record.id, bob.id);
      assert.equal(res.body.record.verified, true);
      assert.equal(res.body.meta.isNew, false);
      const old = await api(t, 'POST', '/api/collections/users/auth-with-password', {
        identity: bob.email,
        password: bob.password,
      });
      assert.equal(old.status, 400, 'a password someone set before the owner proved the address no longer works');
    });

    it("links the provider to the signed-in caller's own record", async () => {
      const me = await createUser(t, 'carol.local@example.com', { data: { verified: true } });
      const { code, codeVerifier } = await codeFor('carol');
      const res = await exchange({ code, codeVerifier }, me.token);
      assert.equal(res.status, 200, JSON.stringify(res.body));
      assert.equal(res.body.record.id, me.id);
      assert.equal(res.body.record.email, 'carol.local@example.com');
      const again = await codeFor('carol');
      const guest = await exchange(again);
      assert.equal(guest.status, 200);
      assert.equal(guest.body.record.id, me.id, 'the link now signs the provider user in as that record');
    });

    it('does not trust an unverified provider email to find an account', async () => {
      await createUser(t, 'eve@example.com', { data: { verified: true } });
      const { code, codeVerifier } = await codeFor('eve');
      const res = await exchange({ code, codeVerifier, createData: { email: 'eve.new@example.com' } });
      assert.equal(res.status, 200, JSON.stringify(res.body));
      assert.equal(res.body.meta.isNew, true);
      assert.equal(res.body.meta.email, '');
      assert.equal(res.body.record.email, 'eve.new@example.com');
      assert.equal(res.body.record.verified, false);
    });

    it('works through the SDK authWithOAuth2Code', async () => {
      const pb = new PocketBase(t.url);
      const methods = await pb.collection('users').listAuthMethods();
      const p = methods.oauth2.providers.find((x) => x.name === 'oidc');
      assert.ok(p);
      const code = await op.signIn(p.authURL, 'dan');
      const auth = await pb
        .collection('users')
        .authWithOAuth2Code('oidc', code, p.codeVerifier, op.redirectURL, { name: 'Daniel' });
      assert.equal(pb.authStore.isValid, true);
      assert.equal(auth.record.email, 'dan@example.com');
      assert.equal(auth.record.name, 'Daniel', 'createData wins over the mapped name');
      assert.equal(auth.meta?.isNew, true);
      const list = await pb.collection('_externalAuths').getFullList({ filter: `recordRef='${auth.record.id}'` });
      assert.equal(list.length, 1);
    });

    it('answers bad input with the contract 4xx and writes nothing', async () => {
      const users = await countRows(t, 'users');
      const unknown = await exchange({ provider: 'github', code: 'x', codeVerifier: 'y' });
      assert.equal(unknown.status, 400);
      assert.equal(unknown.body.message, 'An error occurred while loading the submitted data.');
      assert.equal(unknown.body.data.provider.code, 'validation_invalid_provider');
      const missing = await api(t, 'POST', '/api/collections/users/auth-with-oauth2', { provider: 'oidc' });
      assert.equal(missing.status, 400);
      assert.equal(missing.body.data.code.code, 'validation_required');
      assert.equal(missing.body.data.redirectURL.code, 'validation_required');
      const badShape = await exchange({ code: 'x', createData: 'nope' });
      assert.equal(badShape.status, 400);
      const badCode = await exchange({ code: 'not-a-code', codeVerifier: 'y' });
      assert.equal(badCode.status, 400);
      assert.equal(badCode.body.message, 'Failed to fetch OAuth2 token.');
      const su = await api(t, 'POST', '/api/collections/_superusers/auth-with-oauth2', { provider: 'oidc', code: 'x' });
      assert.equal(su.status, 403);
      assert.equal(su.body.message, 'The collection is not configured to allow OAuth2 authentication.');
      const base = await api(t, 'POST', '/api/collections/_externalAuths/auth-with-oauth2', {});
      assert.equal(base.status, 404);
      assert.equal(await countRows(t, 'users'), users);
    });

    it('counts sign-ins under the authWithOAuth2 and auth rate-limit tags', async () => {
      const su = await t.superuserToken();
      const rules = [{ label: 'users:authWithOAuth2', audience: '', duration: 60, maxRequests: 1 }];
      const on = await api(t, 'PATCH', '/api/settings', { rateLimits: { enabled: true, rules } }, su);
      assert.equal(on.status, 200, JSON.stringify(on.body));
      try {
        const body = { provider: 'oidc', code: 'x', codeVerifier: 'y', redirectURL: op.redirectURL };
        const first = await api(t, 'POST', '/api/collections/users/auth-with-oauth2', body);
        assert.equal(first.status, 400);
        const second = await api(t, 'POST', '/api/collections/users/auth-with-oauth2', body);
        assert.equal(second.status, 429);
        assert.equal((await api(t, 'GET', '/api/collections/users/auth-methods')).status, 200);
      } finally {
        await api(t, 'PATCH', '/api/settings', { rateLimits: { enabled: false } }, su);
      }
    });
  });
}
