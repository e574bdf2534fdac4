import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { after, before, describe, it } from 'node:test';
import Database from 'better-sqlite3';
import PocketBase from 'pocketbase';
import { superuserClient, upload, zipOf } from '../backups/helpers.js';
import { eventually } from '../crons/helpers.js';
import { DIALECTS, removeDir, startApp, type TestApp, tempDir } from '../harness/index.js';
import { copyFixture, type FixtureCopy } from './helpers.js';

const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

/** Every file under `dir`, as zip entries named relative to it (the layout of a PocketBase backup). */
function entriesOf(dir: string): Array<[string, Buffer]> {
  const out: Array<[string, Buffer]> = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else out.push([relative(dir, p), readFileSync(p)]);
    }
  };
  walk(dir);
  return out;
}

for (const dialect of DIALECTS) {
  describe(`a PocketBase backup uploaded and restored (${dialect})`, () => {
    let fx: FixtureCopy;
    let t: TestApp;
    let pb: PocketBase;
    let work: string;

    before(async () => {
      fx = copyFixture();
      // a PocketBase backup is a zip of pb_data: WAL content folded into data.db first, as its backup does
      for (const file of ['data.db', 'auxiliary.db']) {
        const db = new Database(join(fx.dataDir, file));
        db.pragma('wal_checkpoint(TRUNCATE)');
        db.close();
      }
      t = await startApp({ dialect });
      pb = await superuserClient(t);
      work = tempDir();
      await pb.collections.create({ name: 'before_restore', type: 'base', fields: [{ name: 'x', type: 'text' }] });
    });
    after(async () => {
      await t?.close();
      removeDir(work);
      removeDir(fx.root);
    });

    it('refuses PocketBase data of a layout it does not know: the previous data serves on', async () => {
      const future = entriesOf(fx.dataDir).filter(([name]) => name === 'data.db');
      const file = join(work, 'future.db');
      writeFileSync(file, future[0]?.[1] ?? Buffer.alloc(0));
      const db = new Database(file);
      db.prepare('INSERT INTO _migrations (file, applied) VALUES (?, ?)').run('1999999999_future_layout.go', 1);
      db.close();
      const zip = await zipOf(work, [['data.db', readFileSync(file)]]);
      assert.equal((await upload(pb, 'pb_future.zip', zip)).status, 204);
      await pb.backups.restore('pb_future.zip');
      await eventually(async () => (await pb.health.check()).data.canBackup === true, 'the restore has ended', 60_000);
      const names = (await pb.collections.getFullList()).map((c) => c.name);
      assert.ok(names.includes('before_restore'), 'the previous data serves on');
      assert.ok(!names.includes('posts'));
    });

    it('restores it: the app serves PocketBase data, passwords and files', async () => {
      const zip = await zipOf(
        work,
        entriesOf(fx.dataDir).filter(([name]) => !/-(wal|shm)$/.test(name)),
      );
      const uploaded = await upload(pb, 'pb_backup_20261204.zip', zip);
      assert.equal(uploaded.status, 204, JSON.stringify(uploaded.body));
      assert.ok((await pb.backups.getFullList()).some((b) => b.key === 'pb_backup_20261204.zip'));
      await pb.backups.restore('pb_backup_20261204.zip');

      // the superuser of the PocketBase data signs in once the restarted app serves it (the app restoring
      // answers canBackup false until it closes; on PostgreSQL the data is replaced before the restart)
      const admin = new PocketBase(t.url);
      admin.autoCancellation(false);
      await eventually(
        async () => {
          try {
            await admin.collection('_superusers').authWithPassword(fx.manifest.superuser.email, 'pb-admin-pass-1');
            return (await admin.health.check()).data.canBackup === true;
          } catch {
            return false;
          }
        },
        'the restored PocketBase superuser signs in',
        60_000,
      );
      const names = (await admin.collections.getFullList()).map((c) => c.name);
      assert.ok(names.includes('posts') && names.includes('post_stats'), names.join());
      assert.ok(!names.includes('before_restore'), 'the data before the restore is replaced');
      for (const name of ['users', 'posts', 'comments', 'post_stats']) {
        const list = await admin.collection(name).getList(1, 1);
        assert.equal(list.totalItems, fx.manifest.collections[name]?.count, name);
      }

      const user = fx.manifest.users[0];
      assert.ok(user);
      const alice = new PocketBase(t.url);
      const auth = await alice.collection('users').authWithPassword(user.email, user.password);
      assert.equal(auth.record.id, user.id);

      const file = fx.manifest.files.find((f) => f.name.startsWith('cover_'));
      assert.ok(file);
      const post = await admin.collection(file.collectionId).getOne(file.recordId);
      const token = await admin.files.getToken();
      const res = await fetch(admin.files.getURL(post, file.name, { token }));
      assert.equal(res.status, 200);
      assert.equal(sha256(new Uint8Array(await res.arrayBuffer())), file.sha256);

      // and it takes writes
      const created = await admin.collection('posts').create({ title: 'written after the restore' });
      assert.equal((await admin.collection('posts').getOne(created.id)).title, 'written after the restore');
    });
  });
}
