import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import Database from 'better-sqlite3';
import pg from 'pg';
import {
  BIN,
  DIALECTS,
  type Dialect,
  type DialectSetup,
  ROOT,
  removeDir,
  runCli,
  setupDialect,
  startProcess,
  tempDir,
} from '../harness/index.js';

const KEY = 'k'.repeat(16) + '0123456789abcdef';
const OTHER_KEY = 'z'.repeat(32);
const ADMIN = { email: 'admin@example.com', password: 'admin-password-1' };

/** `basalt serve` that is expected to stop at start-up: its exit code and what it printed on stderr. */
function serveFailure(args: string[], env: Record<string, string>): { status: number | null; stderr: string } {
  const childEnv: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!k.startsWith('BASALT_')) childEnv[k] = v;
  const r = spawnSync(process.execPath, [BIN, 'serve', '--http=127.0.0.1:0', '--log-level=warn', ...args], {
    cwd: ROOT,
    env: { ...childEnv, ...env },
    encoding: 'utf8',
    timeout: 30_000,
  });
  const stderr = r.stderr.replace(/^\(node:\d+\) .*\n|^\(Use `node --trace-warnings.*\n/gm, '');
  return { status: r.status, stderr };
}

/** The stored `_params` settings value, read and written behind the server's back. */
function settingsRow(dialect: Dialect, dir: string, db: DialectSetup) {
  return {
    async read(): Promise<string> {
      if (dialect === 'sqlite') {
        const conn = new Database(join(dir, 'data.db'), { readonly: true });
        try {
          const row = conn.prepare(`SELECT value FROM _params WHERE id = 'settings'`).get() as { value: string };
          return row.value;
        } finally {
          conn.close();
        }
      }
      const client = new pg.Client({ connectionString: db.flags.db });
      await client.connect();
      try {
        const r = await client.query(`SELECT value FROM _params WHERE id = 'settings'`);
        return r.rows[0].value as string;
      } finally {
        await client.end();
      }
    },
    async write(value: string): Promise<void> {
      if (dialect === 'sqlite') {
        const conn = new Database(join(dir, 'data.db'));
        try {
          conn.prepare(`UPDATE _params SET value = ? WHERE id = 'settings'`).run(value);
        } finally {
          conn.close();
        }
        return;
      }
      const client = new pg.Client({ connectionString: db.flags.db });
      await client.connect();
      try {
        await client.query(`UPDATE _params SET value = $1 WHERE id = 'settings'`, [value]);
      } finally {
        await client.end();
      }
    },
  };
}

/** Opens sealed text as PocketBase does: base64 of nonce(12) | ciphertext | tag(16), AES-256-GCM. */
function openSealed(text: string, key: string): string {
  const bytes = Buffer.from(text, 'base64');
  const decipher = createDecipheriv('aes-256-gcm', Buffer.from(key), bytes.subarray(0, 12));
  decipher.setAuthTag(bytes.subarray(bytes.length - 16));
  return Buffer.concat([decipher.update(bytes.subarray(12, bytes.length - 16)), decipher.final()]).toString();
}

function sealLikePocketBase(plain: string, key: string): string {
  const nonce = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', Buffer.from(key), nonce);
  const body = Buffer.concat([cipher.update(plain), cipher.final()]);
  return Buffer.concat([nonce, body, cipher.getAuthTag()]).toString('base64');
}

async function superuserToken(url: string): Promise<string> {
  const res = await fetch(`${url}/api/collections/_superusers/auth-with-password`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ identity: ADMIN.email, password: ADMIN.password }),
  });
  assert.equal(res.status, 200);
  return ((await res.json()) as { token: string }).token;
}

async function settingsCall(url: string, method: 'GET' | 'PATCH', body?: unknown) {
  const token = await superuserToken(url);
  const res = await fetch(`${url}/api/settings`, {
    method,
    headers: { authorization: token, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, json: (await res.json()) as Record<string, any> };
}

for (const dialect of DIALECTS) {
  describe(`settings encrypted at rest (${dialect})`, () => {
    const cleanups: Array<() => Promise<void>> = [];
    after(async () => {
      for (const fn of cleanups.reverse()) await fn();
    });

    /** A data dir (and database) with a superuser; serve args and the row accessor. */
    async function fresh() {
      const dir = tempDir();
      const db = await setupDialect(dialect);
      cleanups.push(async () => {
        await db.cleanup();
        removeDir(dir);
      });
      const args = [`--dir=${dir}`, ...(db.flags.db ? [`--db=${db.flags.db}`] : [])];
      const cli = runCli(['superuser', 'upsert', ADMIN.email, ADMIN.password, ...args]);
      assert.equal(cli.status, 0, cli.stderr);
      return { dir, args, row: settingsRow(dialect, dir, db) };
    }

    const withKey = (args: string[]) => [...args, '--encryption-env=SETTINGS_KEY'];

    it('seals the stored settings with the key, and start-up stops without it or with another one', async () => {
      const { dir, args, row } = await fresh();
      const a = await startProcess({ dir, args: withKey(args), env: { SETTINGS_KEY: KEY } });
      const saved = await settingsCall(a.url, 'PATCH', {
        meta: { appName: 'Sealed App' },
        smtp: { password: 'smtp-secret' },
      });
      assert.equal(saved.status, 200, JSON.stringify(saved.json));
      await a.stop();

      const raw = await row.read();
      assert.match(raw, /^[A-Za-z0-9+/]+=*$/, 'stored as standard base64');
      assert.ok(!raw.includes('Sealed App') && !raw.includes('smtp-secret'));
      const opened = JSON.parse(openSealed(raw, KEY));
      assert.equal(opened.meta.appName, 'Sealed App');
      assert.equal(opened.smtp.password, 'smtp-secret');

      const noKey = serveFailure(args, {});
      assert.equal(noKey.status, 1);
      assert.match(noKey.stderr, /^error: the stored settings are encrypted: start with --encryption-env=VAR.*\n$/);
      const wrongKey = serveFailure(withKey(args), { SETTINGS_KEY: OTHER_KEY });
      assert.equal(wrongKey.status, 1);
      assert.match(wrongKey.stderr, /^error: the key in SETTINGS_KEY does not open the stored settings.*\n$/);
      const shortKey = serveFailure(withKey(args), { SETTINGS_KEY: 'too-short' });
      assert.equal(shortKey.status, 2);
      assert.match(shortKey.stderr, /must be 32 characters \(bytes\) long, not 9/);
      const unset = serveFailure(withKey(args), {});
      assert.equal(unset.status, 2);
      assert.match(unset.stderr, /SETTINGS_KEY, but that environment variable is not set/);
      assert.equal(await row.read(), raw, 'a refused start leaves the stored settings alone');

      const b = await startProcess({ dir, args: withKey(args), env: { SETTINGS_KEY: KEY } });
      try {
        const shown = await settingsCall(b.url, 'GET');
        assert.equal(shown.json.meta.appName, 'Sealed App');
        assert.equal(shown.json.smtp.password, undefined);
      } finally {
        await b.stop();
      }
    });

    it('reads plain settings with a key set and seals them on the next save; opens PocketBase-sealed data', async () => {
      const { dir, args, row } = await fresh();
      const a = await startProcess({ dir, args });
      assert.equal((await settingsCall(a.url, 'PATCH', { meta: { appName: 'Plain App' } })).status, 200);
      await a.stop();
      assert.equal(JSON.parse(await row.read()).meta.appName, 'Plain App');

      const b = await startProcess({ dir, args: withKey(args), env: { SETTINGS_KEY: KEY } });
      assert.equal((await settingsCall(b.url, 'GET')).json.meta.appName, 'Plain App');
      assert.equal(JSON.parse(await row.read()).meta.appName, 'Plain App', 'still plain until saved');
      assert.equal((await settingsCall(b.url, 'PATCH', { meta: { senderName: 'Ops' } })).status, 200);
      await b.stop();
      const sealed = JSON.parse(openSealed(await row.read(), KEY));
      assert.deepEqual([sealed.meta.appName, sealed.meta.senderName], ['Plain App', 'Ops']);

      // settings sealed by PocketBase (same format), holding a key this server does not know
      const fromPocketBase = {
        meta: { appName: 'From PocketBase', appURL: 'https://pb.example.com' },
        superuserIPs: [],
      };
      await row.write(sealLikePocketBase(JSON.stringify(fromPocketBase), KEY));
      const c = await startProcess({ dir, args: withKey(args), env: { SETTINGS_KEY: KEY } });
      try {
        const shown = await settingsCall(c.url, 'GET');
        assert.equal(shown.json.meta.appName, 'From PocketBase');
        assert.equal(shown.json.meta.senderName, 'Support', 'keys it lacks get their defaults');
        assert.equal(shown.json.superuserIPs, undefined);
      } finally {
        await c.stop();
      }
      assert.equal(serveFailure(args, {}).status, 1);
    });
  });
}
