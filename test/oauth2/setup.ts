import { sql } from '../../src/store/sql.js';
import type { TestApp } from '../harness/index.js';

/** A response body, loosely typed so assertions can reach into nested keys. */
export type Json = Record<string, any>;

/** Calls the API over HTTP; resolves to the status and the parsed JSON body ({} when empty). */
export async function api(
  t: TestApp,
  method: string,
  path: string,
  body?: unknown,
  token?: string,
): Promise<{ status: number; body: Json }> {
  const headers: Record<string, string> = {};
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (token) headers.authorization = token;
  const res = await fetch(`${t.url}${path}`, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: text === '' ? {} : (JSON.parse(text) as Json) };
}

/** Turns OAuth2 on for `users` with the given providers, through the collections API as a superuser. */
export async function enableOAuth2(t: TestApp, providers: Array<Record<string, unknown>>, extra: Json = {}) {
  const res = await api(
    t,
    'PATCH',
    '/api/collections/users',
    { oauth2: { enabled: true, providers }, ...extra },
    await t.superuserToken(),
  );
  if (res.status !== 200) throw new Error(`enabling OAuth2 failed: ${JSON.stringify(res.body)}`);
  return res.body;
}

/** Counts the rows of a collection's table (what a failed request must leave unchanged). */
export async function countRows(t: TestApp, table: string): Promise<number> {
  const row = await t.app.store.get<{ n: number | string }>(sql`SELECT COUNT(*) AS n FROM ${sql.id(table)}`);
  return Number(row?.n ?? 0);
}
