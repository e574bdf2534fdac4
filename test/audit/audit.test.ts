import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import Database from 'better-sqlite3';
import pg from 'pg';
import PocketBase, { type ClientResponseError } from 'pocketbase';
import {
  DIALECTS,
  type DialectSetup,
  removeDir,
  runCli,
  type ServerProcess,
  setupDialect,
  startProcess,
  tempDir,
} from '../harness/index.js';

const ADMIN = { email: 'admin@example.com', password: 'admin-password-1' };
const SMTP_SECRET = 'hunter2-smtp-secret';

interface Entry {
  id: string;
  seq: number;
  actorType: string;
  actorId: string;
  actorEmail: string;
  ip: string;
  action: string;
  target: string;
  outcome: string;
  error: string;
  data: { diff?: Record<string, { from?: unknown; to?: unknown }>; breakGlass?: boolean };
}

interface Page {
  items: Entry[];
  totalItems: number;
  page: number;
  perPage: number;
}

async function failure(fn: () => Promise<unknown>): Promise<ClientResponseError> {
  try {
    await fn();
  } catch (e) {
    assert.equal(typeof (e as ClientResponseError).status, 'number', `expected a ClientResponseError, got ${e}`);
    return e as ClientResponseError;
  }
  assert.fail('expected the request to fail');
}

for (const dialect of DIALECTS) {
  describe(`audit trail (${dialect})`, () => {
    let db: DialectSetup;
    let args: string[];
    let proc: ServerProcess;
    let pb: PocketBase;
    const dir = tempDir();

    const audit = (query: Record<string, unknown>) => pb.send<Page>('/api/audit', { query });
    const one = async (filter: string) => {
      const page = await audit({ filter });
      assert.equal(page.items.length, 1, `one entry for ${filter}: ${JSON.stringify(page.items)}`);
      return page.items[0] as Entry;
    };

    /** Runs SQL straight on the database, behind the server's back (what an attacker with file access does). */
    async function tamper(statement: string): Promise<void> {
      if (db.flags.db) {
        const client = new pg.Client({ connectionString: db.flags.db });
        await client.connect();
        try {
          await client.query(statement);
        } finally {
          await client.end();
        }
        return;
      }
      const file = new Database(join(dir, 'data.db'));
      try {
        file.exec(statement);
      } finally {
        file.close();
      }
    }

    before(async () => {
      db = await setupDialect(dialect);
      args = db.flags.db ? [`--db=${db.flags.db}`] : [];
      proc = await startProcess({ dir, args });
      const cli = runCli(['superuser', 'upsert', ADMIN.email, ADMIN.password, `--dir=${dir}`, ...args]);
      assert.equal(cli.status, 0, cli.stderr);
      pb = new PocketBase(proc.url);
      await pb.collection('_superusers').authWithPassword(ADMIN.email, ADMIN.password);
    });
    after(async () => {
      await proc.stop();
      await db.cleanup();
      removeDir(dir);
    });

    it('records CLI actions with the operating-system user', async () => {
      const entry = await one('action = "cli.superuser.upsert"');
      assert.equal(entry.actorType, 'cli');
      assert.match(entry.actorId, /.@./);
      assert.equal(entry.target, ADMIN.email);
      assert.equal(entry.outcome, 'success');
      assert.equal(entry.data.breakGlass, false);
    });

    it('records collection changes with a diff, who and from where', async () => {
      await pb.collections.create({ name: 'posts', type: 'base', fields: [{ name: 'title', type: 'text' }] });
      await pb.collections.update('posts', { listRule: '' });
      const created = await one('action = "collections.create"');
      assert.equal(created.actorType, 'superuser');
      assert.equal(created.actorEmail, ADMIN.email);
      assert.equal(created.actorId, pb.authStore.record?.id);
      assert.equal(created.ip, '127.0.0.1');
      assert.equal(created.target, 'posts');
      assert.equal(created.data.diff?.name?.to, 'posts');
      const updated = await one('action = "collections.update"');
      assert.deepEqual(updated.data.diff?.listRule, { from: null, to: '' });
      assert.equal(Object.keys(updated.data.diff ?? {}).includes('name'), false);
    });

    it('records settings changes with secrets redacted', async () => {
      await pb.settings.update({ meta: { appName: 'Audited' }, smtp: { password: SMTP_SECRET } });
      const entry = await one('action = "settings.update"');
      assert.deepEqual(entry.data.diff?.['meta.appName'], { from: 'Acme', to: 'Audited' });
      assert.deepEqual(entry.data.diff?.['smtp.password'], { from: '[redacted]', to: '[redacted]' });
      const everything = await audit({ perPage: 500 });
      assert.equal(JSON.stringify(everything).includes(SMTP_SECRET), false);
    });

    it('records failures with their error, and impersonations', async () => {
      await failure(() => pb.collections.delete('nosuchcollection'));
      const failed = await one('action = "collections.delete" && outcome = "error"');
      assert.equal(failed.target, 'nosuchcollection');
      assert.equal(failed.error, "The requested resource wasn't found.");
      const user = await pb.collection('users').create({
        email: 'ana@example.com',
        password: 'ana-password-1',
        passwordConfirm: 'ana-password-1',
      });
      await pb.collection('users').impersonate(user.id, 60);
      const entry = await one('action = "auth.impersonate"');
      assert.equal(entry.target, `users/${user.id}`);
      assert.equal((await one(`action = "records.create" && target = "users/${user.id}"`)).outcome, 'success');
    });

    it('lists newest first with paging and the filter language; superusers only', async () => {
      const page = await audit({ perPage: 2, filter: 'actorType = "superuser"' });
      assert.equal(page.items.length, 2);
      assert.ok(page.totalItems >= 5);
      assert.ok((page.items[0] as Entry).seq > (page.items[1] as Entry).seq);
      const oldest = await audit({ sort: '@rowid', perPage: 1 });
      assert.equal(oldest.items[0]?.seq, 1);
      const bySeq = await audit({ filter: 'seq >= 2 && seq <= 3' });
      assert.deepEqual(
        bySeq.items.map((e) => e.seq),
        [3, 2],
      );
      const view = await pb.send<Entry>(`/api/audit/${oldest.items[0]?.id}`, {});
      assert.equal(view.seq, 1);
      assert.equal((await failure(() => audit({ filter: 'nosuch = 1' }))).status, 400);
      const guest = await fetch(`${proc.url}/api/audit`);
      assert.equal(guest.status, 401);
      await guest.arrayBuffer();
    });

    it('basalt audit verify passes an intact chain and names the first entry changed behind its back', async () => {
      const intact = runCli(['audit', 'verify', `--dir=${dir}`, ...args]);
      assert.equal(intact.status, 0, intact.stderr);
      assert.match(intact.stdout, /intact: \d+ entries checked/);

      const target = await one('action = "collections.create"');
      await tamper(`UPDATE "_audit" SET "target" = 'other' WHERE "seq" = ${target.seq}`);
      const changed = runCli(['audit', 'verify', `--dir=${dir}`, ...args]);
      assert.equal(changed.status, 1);
      assert.match(changed.stderr, new RegExp(`broken at entry ${target.seq} \\(id ${target.id}\\)`));
      assert.match(changed.stderr, /was changed/);

      await tamper(`UPDATE "_audit" SET "target" = 'posts' WHERE "seq" = ${target.seq}`);
      assert.equal(runCli(['audit', 'verify', `--dir=${dir}`, ...args]).status, 0);

      await tamper(`DELETE FROM "_audit" WHERE "seq" = ${target.seq + 1}`);
      const removed = runCli(['audit', 'verify', `--dir=${dir}`, ...args]);
      assert.equal(removed.status, 1);
      assert.match(removed.stderr, new RegExp(`broken at entry ${target.seq + 1}: entry ${target.seq + 1} is missing`));
    });
  });
}
