import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider from 'oidc-provider';

/** A person the test provider can sign in (claims of the `email` and `profile` scopes). */
export interface TestAccount {
  email: string;
  email_verified: boolean;
  name: string;
  preferred_username: string;
  picture: string;
}

export interface TestOidcProvider {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** the redirect URL registered for the client (never fetched: the code is read off the redirect) */
  redirectURL: string;
  /** Follows an authorization URL from auth-methods through the login and consent pages; returns the code. */
  signIn(authURL: string, accountId: string): Promise<string>;
  close(): Promise<void>;
}

/**
 * A real OpenID provider (the `oidc-provider` package) on 127.0.0.1 with a random port, one
 * confidential client, PKCE required, and its development login and consent pages. The client's
 * redirect URL defaults to one that is never fetched; a browser test registers the app's real
 * `/api/oauth2-redirect` instead.
 */
export async function startOidcProvider(
  accounts: Record<string, TestAccount>,
  redirectURL = 'http://127.0.0.1:9/api/oauth2-redirect',
): Promise<TestOidcProvider> {
  let handler: (req: IncomingMessage, res: ServerResponse) => void = (_req, res) => res.end();
  const server = createServer((req, res) => handler(req, res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const clientId = 'basalt-test-client';
  const clientSecret = 'basalt-test-client-secret-0123456789';
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: clientId,
        client_secret: clientSecret,
        redirect_uris: [redirectURL],
        grant_types: ['authorization_code'],
        response_types: ['code'],
      },
    ],
    claims: {
      openid: ['sub'],
      email: ['email', 'email_verified'],
      profile: ['name', 'preferred_username', 'picture'],
    },
    conformIdTokenClaims: false,
    ttl: { AccessToken: 600, AuthorizationCode: 60, Grant: 600, IdToken: 600, Interaction: 600, Session: 600 },
    pkce: { required: () => true },
    cookies: { keys: ['test-cookie-key-0123456789'] },
    findAccount: async (_ctx: unknown, id: string) => {
      const account = accounts[id];
      if (!account) return undefined;
      return { accountId: id, claims: async () => ({ sub: id, ...account }) };
    },
  });
  handler = provider.callback();

  async function signIn(authURL: string, accountId: string): Promise<string> {
    const cookies = new Map<string, string>();
    let url = `${authURL}${encodeURIComponent(redirectURL)}`;
    let init: RequestInit = { method: 'GET' };
    for (let hop = 0; hop < 20; hop++) {
      const cookie = [...cookies].map(([k, v]) => `${k}=${v}`).join('; ');
      const res = await fetch(url, { ...init, redirect: 'manual', headers: { ...init.headers, cookie } });
      for (const c of res.headers.getSetCookie()) {
        const pair = c.split(';')[0] ?? '';
        const at = pair.indexOf('=');
        if (at > 0) cookies.set(pair.slice(0, at), pair.slice(at + 1));
      }
      if (res.status >= 300 && res.status < 400) {
        await res.arrayBuffer();
        const next = new URL(res.headers.get('location') ?? '', url);
        if (next.href.startsWith(redirectURL)) {
          const code = next.searchParams.get('code');
          if (!code) throw new Error(`the provider redirected without a code: ${next.href}`);
          return code;
        }
        url = next.href;
        init = { method: 'GET' };
        continue;
      }
      const html = await res.text();
      if (res.status !== 200 || !new URL(url).pathname.startsWith('/interaction/')) {
        throw new Error(`unexpected provider answer ${res.status} at ${url}: ${html.slice(0, 300)}`);
      }
      const form = html.includes('name="login"')
        ? new URLSearchParams({ prompt: 'login', login: accountId, password: 'any' })
        : new URLSearchParams({ prompt: 'consent' });
      init = {
        method: 'POST',
        body: form.toString(),
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      };
    }
    throw new Error('too many hops through the provider');
  }

  return {
    issuer,
    clientId,
    clientSecret,
    redirectURL,
    signIn,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
