import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { exportJWK, generateKeyPair, type JWTPayload, SignJWT } from 'jose';
import { DIALECTS, startApp, type TestApp } from '../harness/index.js';
import { api, countRows, enableOAuth2 } from './setup.js';

/**
 * An OpenID provider that answers the token request with whatever id_token the test hands it: the
 * stand-in for a compromised or misconfigured provider, so the checks on id_tokens can be seen.
 */
async function startTokenIssuer() {
  const good = await generateKeyPair('ES256');
  const other = await generateKeyPair('ES256');
  const jwk = { ...(await exportJWK(good.publicKey)), kid: 'k1', alg: 'ES256', use: 'sig' };
  let idToken = '';
  let issuer = '';
  const server: Server = createServer((req, res) => {
    const send = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    if (req.url === '/.well-known/openid-configuration') {
      return send(200, {
        issuer,
        authorization_endpoint: `${issuer}/auth`,
        token_endpoint: `${issuer}/token`,
        jwks_uri: `${issuer}/jwks`,
        token_endpoint_auth_methods_supported: ['client_secret_post'],
      });
    }
    if (req.url === '/jwks') return send(200, { keys: [jwk] });
    if (req.url === '/token' && req.method === 'POST') {
      req.resume();
      return req.on('end', () =>
        send(200, { access_token: 'at', token_type: 'Bearer', expires_in: 600, id_token: idToken }),
      );
    }
    send(404, {});
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    issuer,
    keys: { good: good.privateKey, other: other.privateKey },
    set(token: string) {
      idToken = token;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

const CLIENT_ID = 'client-1';

for (const dialect of DIALECTS) {
  describe(`OAuth2 id_token checks (${dialect})`, () => {
    let t: TestApp;
    let op: Awaited<ReturnType<typeof startTokenIssuer>>;

    before(async () => {
      [t, op] = await Promise.all([startApp({ dialect }), startTokenIssuer()]);
      await enableOAuth2(t, [
        { name: 'oidc2', clientId: CLIENT_ID, clientSecret: 'secret-1', extra: { issuer: op.issuer } },
      ]);
    });
    after(async () => {
      await t?.close();
      await op?.close();
    });

    async function signInWith(
      edit: (claims: JWTPayload) => JWTPayload,
      key: 'good' | 'other' = 'good',
    ): Promise<{ status: number; body: Record<string, any> }> {
      const methods = await api(t, 'GET', '/api/collections/users/auth-methods');
      const p = methods.body.oauth2.providers[0];
      const nonce = new URL(p.authURL).searchParams.get('nonce') ?? '';
      const now = Math.floor(Date.now() / 1000);
      const claims = edit({
        iss: op.issuer,
        aud: CLIENT_ID,
        sub: 'user-1',
        iat: now,
        exp: now + 300,
        nonce,
        email: 'one@example.com',
        email_verified: true,
      });
      op.set(await new SignJWT(claims).setProtectedHeader({ alg: 'ES256', kid: 'k1' }).sign(op.keys[key]));
      return api(t, 'POST', '/api/collections/users/auth-with-oauth2', {
        provider: 'oidc2',
        code: 'code-1',
        codeVerifier: p.codeVerifier,
        redirectURL: 'http://127.0.0.1/cb',
      });
    }

    const refusals: Array<[string, (c: JWTPayload) => JWTPayload, 'good' | 'other']> = [
      ['signed by another key', (c) => c, 'other'],
      ['for another audience', (c) => ({ ...c, aud: 'someone-else' }), 'good'],
      [
        'with several audiences and another authorized party',
        (c) => ({ ...c, aud: [CLIENT_ID, 'x'], azp: 'x' }),
        'good',
      ],
      ['from another issuer', (c) => ({ ...c, iss: 'https://evil.example.com' }), 'good'],
      ['expired', (c) => ({ ...c, exp: Math.floor(Date.now() / 1000) - 3600 }), 'good'],
      ['for another sign-in (nonce)', (c) => ({ ...c, nonce: 'not-ours' }), 'good'],
      ['without a subject', (c) => ({ ...c, sub: undefined }), 'good'],
    ];

    for (const [label, edit, key] of refusals) {
      it(`refuses an id_token ${label} and creates nothing`, async () => {
        const users = await countRows(t, 'users');
        const links = await countRows(t, '_externalAuths');
        const res = await signInWith(edit, key);
        assert.equal(res.status, 400, JSON.stringify(res.body));
        assert.deepEqual(res.body, { data: {}, message: 'Failed to fetch OAuth2 user.', status: 400 });
        assert.equal(await countRows(t, 'users'), users);
        assert.equal(await countRows(t, '_externalAuths'), links);
      });
    }

    it('refuses an unsigned id_token', async () => {
      const users = await countRows(t, 'users');
      const methods = await api(t, 'GET', '/api/collections/users/auth-methods');
      const p = methods.body.oauth2.providers[0];
      const now = Math.floor(Date.now() / 1000);
      const claims = { iss: op.issuer, aud: CLIENT_ID, sub: 'user-1', exp: now + 300 };
      const b64 = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');
      op.set(`${b64({ alg: 'none' })}.${b64(claims)}.`);
      const res = await api(t, 'POST', '/api/collections/users/auth-with-oauth2', {
        provider: 'oidc2',
        code: 'c',
        codeVerifier: p.codeVerifier,
        redirectURL: 'http://127.0.0.1/cb',
      });
      assert.equal(res.status, 400);
      assert.equal(await countRows(t, 'users'), users);
    });

    it('signs in with a valid id_token when the provider has no user-info endpoint', async () => {
      const res = await signInWith((c) => c);
      assert.equal(res.status, 200, JSON.stringify(res.body));
      assert.equal(res.body.record.email, 'one@example.com');
      assert.equal(res.body.meta.rawUser.sub, 'user-1');
      assert.equal(res.body.meta.isNew, true);
    });
  });
}
