import assert from 'node:assert/strict';
import { type Dialect, startApp, type TestApp } from '../harness/index.js';

export interface RecordsEnv {
  t: TestApp;
  tokens: Record<string, string>;
  /** JSON request helper with the given token key */
  api(method: string, url: string, body?: unknown, as?: string): Promise<{ status: number; json: any }>;
}

export async function makeEnv(dialect: Dialect): Promise<RecordsEnv> {
  const t = await startApp({ dialect });
  const tokens: Record<string, string> = { su: await t.superuserToken() };
  const api = async (method: string, url: string, body?: unknown, as?: string) => {
    const headers: Record<string, string> = {};
    if (as) headers.authorization = tokens[as] ?? '';
    if (body !== undefined) headers['content-type'] = 'application/json';
    const res = await fetch(t.url + url, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, json: text ? JSON.parse(text) : null };
  };
  return { t, tokens, api };
}

/** Creates a collection as superuser; fails the test when the server refuses. */
export async function createCollection(env: RecordsEnv, body: Record<string, unknown>): Promise<any> {
  const res = await env.api('POST', '/api/collections', body, 'su');
  assert.equal(res.status, 200, `create collection ${String(body.name)}: ${JSON.stringify(res.json)}`);
  return res.json;
}

/** Signs up a user in `users` and signs them in; stores the token under `key`. */
export async function signUp(env: RecordsEnv, key: string, email: string, extra: Record<string, unknown> = {}) {
  const password = 'password-123';
  const created = await env.api(
    'POST',
    '/api/collections/users/records',
    {
      email,
      password,
      passwordConfirm: password,
      ...extra,
    },
    'su',
  );
  assert.equal(created.status, 200, JSON.stringify(created.json));
  const auth = await env.api('POST', '/api/collections/users/auth-with-password', { identity: email, password });
  assert.equal(auth.status, 200, JSON.stringify(auth.json));
  env.tokens[key] = auth.json.token;
  return auth.json.record as { id: string; email: string };
}
