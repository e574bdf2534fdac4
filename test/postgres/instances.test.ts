import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  DIALECTS,
  type DialectSetup,
  runCli,
  type ServerProcess,
  setupDialect,
  startProcess,
} from '../harness/index.js';

const ADMIN = { email: 'admin@example.com', password: 'admin-password-1' };

async function call(base: string, method: string, path: string, body?: unknown, token?: string) {
  const headers: Record<string, string> = {};
  if (token) headers.authorization = token;
  if (body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(base + path, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, json: text ? JSON.parse(text) : null };
}

/** Polls until `check` passes or the deadline runs out; returns how long it took. */
async function eventually(check: () => Promise<boolean>, deadlineMs: number): Promise<number> {
  const t0 = Date.now();
  while (Date.now() - t0 < deadlineMs) {
    if (await check()) return Date.now() - t0;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`not seen within ${deadlineMs} ms`);
}

describe('several instances on one PostgreSQL database', { skip: !DIALECTS.includes('postgres') }, () => {
  let db: DialectSetup;
  let a: ServerProcess;
  let b: ServerProcess;
  let token = '';

  before(async () => {
    db = await setupDialect('postgres');
    const args = [`--db=${db.flags.db}`];
    // both start at once: migrations must not race
    [a, b] = await Promise.all([startProcess({ args }), startProcess({ args })]);
    const cli = runCli(['superuser', 'upsert', ADMIN.email, ADMIN.password, `--dir=${a.dir}`, ...args]);
    assert.equal(cli.status, 0, cli.stderr);
    const auth = await call(a.url, 'POST', '/api/collections/_superusers/auth-with-password', {
      identity: ADMIN.email,
      password: ADMIN.password,
    });
    assert.equal(auth.status, 200);
    token = auth.json.token;
  });
  after(async () => {
    await Promise.all([a?.stop(), b?.stop()]);
    await db?.cleanup();
  });

  it('a collection created through one instance is served by the other', async () => {
    const created = await call(
      a.url,
      'POST',
      '/api/collections',
      { name: 'notes', listRule: '', viewRule: '', createRule: '', fields: [{ name: 'text', type: 'text' }] },
      token,
    );
    assert.equal(created.status, 200, JSON.stringify(created.json));
    const ms = await eventually(
      async () => (await call(b.url, 'GET', '/api/collections/notes/records')).status === 200,
      3000,
    );
    process.stdout.write(`# collection visible on the second instance after ${ms} ms\n`);
    const rec = await call(b.url, 'POST', '/api/collections/notes/records', { text: 'written through B' });
    assert.equal(rec.status, 200, JSON.stringify(rec.json));
    const seen = await call(a.url, 'GET', `/api/collections/notes/records/${rec.json.id}`);
    assert.equal(seen.json.text, 'written through B');
  });

  it('a schema change through one instance is used by the other', async () => {
    const changed = await call(
      b.url,
      'PATCH',
      '/api/collections/notes',
      {
        fields: [
          { name: 'text', type: 'text' },
          { name: 'stars', type: 'number' },
        ],
      },
      token,
    );
    assert.equal(changed.status, 200, JSON.stringify(changed.json));
    await eventually(async () => {
      const r = await call(a.url, 'POST', '/api/collections/notes/records', { text: 'x', stars: 4 });
      return r.status === 200 && r.json.stars === 4;
    }, 3000);
  });

  it('the superuser and the system collections exist once', async () => {
    const list = await call(b.url, 'GET', '/api/collections?perPage=100', undefined, token);
    const names = list.json.items.map((c: { name: string }) => c.name);
    assert.equal(names.filter((n: string) => n === 'users').length, 1);
    const sus = await call(a.url, 'GET', '/api/collections/_superusers/records', undefined, token);
    assert.equal(sus.json.totalItems, 1);
  });
});
