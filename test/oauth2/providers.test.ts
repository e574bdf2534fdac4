import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { buildAuthInfo } from '../../src/core/auth/oauth2/auth-url.js';
import { providerNames, providerSpec } from '../../src/core/auth/oauth2/registry.js';
import { providerConfigOf, resolveProvider } from '../../src/core/auth/oauth2/settings.js';
import type { OAuth2Token } from '../../src/core/auth/oauth2/types.js';
import { DIALECTS, startApp, type TestApp } from '../harness/index.js';
import { FIXTURES } from './provider-fixtures.js';
import { api, countRows, enableOAuth2 } from './setup.js';

/** The provider names of the contract. */
const CONTRACT_NAMES = [
  'apple',
  'bitbucket',
  'box',
  'discord',
  'facebook',
  'gitea',
  'gitee',
  'github',
  'gitlab',
  'google',
  'instagram2',
  'kakao',
  'lark',
  'linear',
  'livechat',
  'mailcow',
  'microsoft',
  'monday',
  'notion',
  'oidc',
  'oidc2',
  'oidc3',
  'patreon',
  'planningcenter',
  'spotify',
  'strava',
  'trakt',
  'twitch',
  'twitter',
  'vk',
  'wakatime',
  'yandex',
];

const TOKEN: OAuth2Token = { accessToken: 'at', refreshToken: '', expiry: '', idToken: '', raw: {} };

describe('named OAuth2 providers', () => {
  it('knows every provider of the contract', () => {
    assert.deepEqual(providerNames(), [...CONTRACT_NAMES].sort());
  });

  for (const name of CONTRACT_NAMES.filter((n) => n !== 'oidc2' && n !== 'oidc3')) {
    it(`maps the ${name} user JSON`, () => {
      const spec = providerSpec(name);
      const fixture = FIXTURES[name];
      assert.ok(spec && fixture, `a table and a fixture for ${name}`);
      assert.deepEqual(spec.mapUser(fixture.raw, TOKEN), fixture.expected);
    });
  }

  it('leaves out addresses the provider does not vouch for', () => {
    const google = providerSpec('google');
    assert.equal(google?.mapUser({ sub: '1', email: 'a@b.c', email_verified: false }, TOKEN).email, '');
    const github = providerSpec('github');
    const unverified = { id: 1, emails: [{ email: 'a@b.c', primary: true, verified: false }] };
    assert.equal(github?.mapUser(unverified, TOKEN).email, '');
    const discord = providerSpec('discord');
    assert.equal(discord?.mapUser({ id: '1', email: 'a@b.c', verified: false }, TOKEN).email, '');
  });

  it('builds an authorization URL for each provider, with PKCE where it is used', async () => {
    for (const name of CONTRACT_NAMES) {
      const url = name === 'mailcow' || name.startsWith('oidc') ? 'https://id.example.com/authorize' : '';
      const config = providerConfigOf({ name, clientId: 'cid', clientSecret: 's', authURL: url, tokenURL: url });
      const info = buildAuthInfo(await resolveProvider(config));
      assert.ok(info.authURL.endsWith('&redirect_uri='), `${name}: ${info.authURL}`);
      const params = new URL(info.authURL).searchParams;
      assert.equal(params.get('client_id'), 'cid');
      assert.equal(params.get('state'), info.state);
      assert.equal(params.get('response_type'), 'code');
      const spec = providerSpec(name);
      if (spec?.pkce) {
        assert.equal(params.get('code_challenge_method'), 'S256', name);
        assert.equal(info.codeVerifier.length, 43);
      } else {
        assert.deepEqual([info.codeVerifier, info.codeChallenge, info.codeChallengeMethod], ['', '', ''], name);
      }
    }
    const apple = buildAuthInfo(await resolveProvider(providerConfigOf({ name: 'apple', clientId: 'c' })));
    assert.equal(new URL(apple.authURL).searchParams.get('response_mode'), 'form_post');
  });
});

/** A GitHub-shaped server: its token endpoint wants the client in a Basic header; /user hides the email. */
async function startGithubLike() {
  let codes = new Set(['good-code']);
  const server: Server = createServer((req, res) => {
    const send = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    const bearer = req.headers.authorization === 'Bearer gh-token';
    if (req.url === '/login/oauth/access_token' && req.method === 'POST') {
      let body = '';
      req.on('data', (c) => {
        body += c;
      });
      return req.on('end', () => {
        const code = new URLSearchParams(body).get('code') ?? '';
        const basic = `Basic ${Buffer.from('gh-client:gh-secret').toString('base64')}`;
        if (req.headers.authorization !== basic) return send(401, { error: 'invalid_client' });
        if (!codes.delete(code)) return send(400, { error: 'bad_verification_code' });
        send(200, { access_token: 'gh-token', token_type: 'bearer', scope: 'read:user,user:email' });
      });
    }
    if (req.url === '/user' && bearer) {
      return send(200, { id: 9001, login: 'hubber', name: 'Hub Ber', email: null, avatar_url: 'https://avatars/9001' });
    }
    if (req.url === '/user/emails' && bearer) {
      return send(200, [{ email: 'hubber@example.com', primary: true, verified: true, visibility: 'private' }]);
    }
    send(404, { message: 'Not Found' });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    base,
    reset: () => {
      codes = new Set(['good-code']);
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

for (const dialect of DIALECTS) {
  describe(`a named provider end to end (${dialect})`, () => {
    let t: TestApp;
    let gh: Awaited<ReturnType<typeof startGithubLike>>;

    before(async () => {
      [t, gh] = await Promise.all([startApp({ dialect }), startGithubLike()]);
      await enableOAuth2(t, [
        {
          name: 'github',
          clientId: 'gh-client',
          clientSecret: 'gh-secret',
          authURL: `${gh.base}/login/oauth/authorize`,
          tokenURL: `${gh.base}/login/oauth/access_token`,
          userInfoURL: `${gh.base}/user`,
        },
      ]);
    });
    after(async () => {
      await t?.close();
      await gh?.close();
    });

    it('signs in with the primary verified email from /user/emails and the login as username', async () => {
      const methods = await api(t, 'GET', '/api/collections/users/auth-methods');
      const p = methods.body.oauth2.providers[0];
      assert.equal(p.displayName, 'GitHub');
      assert.ok(p.authURL.startsWith(`${gh.base}/login/oauth/authorize?`));
      const res = await api(t, 'POST', '/api/collections/users/auth-with-oauth2', {
        provider: 'github',
        code: 'good-code',
        codeVerifier: p.codeVerifier,
        redirectUrl: 'http://127.0.0.1/cb',
      });
      assert.equal(res.status, 200, JSON.stringify(res.body));
      assert.equal(res.body.record.email, 'hubber@example.com');
      assert.equal(res.body.record.name, 'Hub Ber');
      assert.equal(res.body.meta.username, 'hubber');
      assert.equal(res.body.meta.expiry, '');
      assert.equal(res.body.meta.rawUser.login, 'hubber');
    });

    it('refuses a used code and the collection of another provider', async () => {
      const users = await countRows(t, 'users');
      const res = await api(t, 'POST', '/api/collections/users/auth-with-oauth2', {
        provider: 'github',
        code: 'good-code',
        redirectURL: 'http://127.0.0.1/cb',
      });
      assert.equal(res.status, 400);
      assert.equal(res.body.message, 'Failed to fetch OAuth2 token.');
      const google = await api(t, 'POST', '/api/collections/users/auth-with-oauth2', {
        provider: 'google',
        code: 'x',
        redirectURL: 'http://127.0.0.1/cb',
      });
      assert.equal(google.status, 400);
      assert.equal(google.body.data.provider.code, 'validation_invalid_provider');
      assert.equal(await countRows(t, 'users'), users);
    });

    it('refuses an unknown provider name in the collection options', async () => {
      const res = await api(
        t,
        'PATCH',
        '/api/collections/users',
        { oauth2: { enabled: true, providers: [{ name: 'acme', clientId: 'a', clientSecret: 'b' }] } },
        await t.superuserToken(),
      );
      assert.equal(res.status, 400);
      assert.equal(res.body.data.oauth2.providers['0'].name.code, 'validation_missing_provider');
    });
  });
}
