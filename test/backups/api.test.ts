import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type PocketBase from 'pocketbase';
import { eventually } from '../crons/helpers.js';
import { DIALECTS, removeDir, startApp, type TestApp, tempDir } from '../harness/index.js';
import { downloadBackup, patchName, superuserClient, unzip, upload, zipOf } from './helpers.js';

async function makePosts(pb: PocketBase): Promise<void> {
  await pb.collections.create({
    name: 'posts',
    type: 'base',
    fields: [
      { name: 'title', type: 'text' },
      { name: 'meta', type: 'json' },
      { name: 'n', type: 'number' },
      { name: 'ok', type: 'bool' },
    ],
  });
}

for (const dialect of DIALECTS) {
  describe(`backups API (${dialect})`, () => {
    let t: TestApp;
    let pb: PocketBase;
    let dir: string;

    before(async () => {
      t = await startApp({ dialect });
      pb = await superuserClient(t);
      dir = tempDir();
      await makePosts(pb);
      for (let i = 0; i < 25; i++) {
        await pb
          .collection('posts')
          .create({ title: `post ${i}`, meta: { b: i, a: [1, 'x'] }, n: i * 1.5, ok: i % 2 === 0 });
      }
    });
    after(async () => {
      await t.close();
      removeDir(dir);
    });

    it('creates a backup while writes go on, lists it and refuses a taken or malformed name', async () => {
      let writes = 0;
      let stop = false;
      const writer = (async () => {
        while (!stop) {
          await pb.collection('posts').create({ title: `during ${writes}` });
          writes++;
        }
      })();
      await pb.backups.create('first_backup.zip');
      stop = true;
      await writer;
      assert.ok(writes > 0);
      const list = await pb.backups.getFullList();
      const first = list.find((b) => b.key === 'first_backup.zip');
      assert.ok(first && first.size > 0 && /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d/.test(first.modified));

      const taken = await pb.backups.create('first_backup.zip').catch((e) => e);
      assert.equal(taken.status, 400);
      assert.equal(taken.response.data.name.code, 'validation_backup_name_exists');
      const bad = await pb.backups.create('../evil.zip').catch((e) => e);
      assert.equal(bad.status, 400);
      assert.equal(bad.response.data.name.code, 'validation_backup_name_invalid');
    });

    it('makes a default name and downloads only with a superuser file token', async () => {
      await pb.backups.create('');
      const list = await pb.backups.getFullList();
      assert.ok(list.some((b) => /^pb_backup_acme_\d{14}\.zip$/.test(b.key)));
      const data = await downloadBackup(pb, 'first_backup.zip');
      const files = await unzip(data);
      const manifest = JSON.parse(String(files.get('basalt_manifest.json')));
      assert.equal(manifest.format, 'basalt-backup');
      assert.ok(manifest.collections.posts.rows >= 25);
      if (dialect === 'sqlite') assert.ok(files.has('data.db'));
      else assert.ok(files.has('portable/collections.json'));
      const none = await fetch(`${t.url}/api/backups/first_backup.zip`, {
        headers: { authorization: pb.authStore.token },
      });
      assert.equal(none.status, 403);
      assert.equal(
        ((await none.json()) as { message: string }).message,
        'Insufficient permissions to access the resource.',
      );
    });

    it('drills a backup on demand and shows the result in the list', async () => {
      const result = await pb.send('/api/backups/first_backup.zip/drill', { method: 'POST' });
      assert.equal(result.ok, true, JSON.stringify(result.problems));
      assert.ok(result.rows >= 25);
      const list = await pb.backups.getFullList();
      const first = list.find((b) => b.key === 'first_backup.zip') as unknown as { drill: { ok: boolean } };
      assert.equal(first.drill.ok, true);
      const missing = await pb.send('/api/backups/nope.zip/drill', { method: 'POST' }).catch((e) => e);
      assert.equal(missing.status, 400);
    });

    it('refuses uploads that are not backups, and nothing is stored', async () => {
      const before = (await pb.backups.getFullList()).length;
      const notZip = await upload(pb, 'plain.zip', Buffer.from('hello, not a zip'));
      assert.equal(notZip.status, 400);
      const traversal = patchName(
        await zipOf(dir, [
          ['aa/evil.txt', Buffer.from('x')],
          ['data.db', Buffer.from('x')],
        ]),
        'aa/evil',
        '../evil',
      );
      assert.equal((await upload(pb, 'traversal.zip', traversal)).status, 400);
      const absolute = patchName(await zipOf(dir, [['xetc/passwd', Buffer.from('x')]]), 'xetc/passwd', '/etc/passwd');
      assert.equal((await upload(pb, 'absolute.zip', absolute)).status, 400);
      const otherApp = await zipOf(dir, [['config.json', Buffer.from('{}')]]);
      assert.equal((await upload(pb, 'other.zip', otherApp)).status, 400);
      const bomb = await zipOf(dir, [['data.db', Buffer.alloc(300 * 1024 * 1024)]]);
      assert.equal((await upload(pb, 'bomb.zip', bomb)).status, 400);
      const badName = await upload(pb, 'x.txt', await downloadBackup(pb, 'first_backup.zip'));
      assert.equal(badName.status, 400);
      assert.equal((await pb.backups.getFullList()).length, before);
    });

    it('uploads a real backup under its own name, once', async () => {
      const data = await downloadBackup(pb, 'first_backup.zip');
      assert.equal((await upload(pb, 'copy_of_first.zip', data)).status, 204);
      assert.ok((await pb.backups.getFullList()).some((b) => b.key === 'copy_of_first.zip'));
      assert.equal((await upload(pb, 'copy_of_first.zip', data)).status, 400);
    });

    it('catches a corrupted backup in a drill', async () => {
      const files = await unzip(await downloadBackup(pb, 'first_backup.zip'));
      const manifest = JSON.parse(String(files.get('basalt_manifest.json')));
      manifest.collections.posts.rows += 1;
      files.set('basalt_manifest.json', Buffer.from(JSON.stringify(manifest)));
      assert.equal((await upload(pb, 'tampered.zip', await zipOf(dir, [...files]))).status, 204);
      const result = await pb.send('/api/backups/tampered.zip/drill', { method: 'POST' });
      assert.equal(result.ok, false);
      assert.match(result.problems.join(' '), /posts/);
      // the superusers hear of it through the mail outbox (the development sender writes files)
      await eventually(() => {
        const mailDir = join(t.dir, 'mail');
        return (
          existsSync(mailDir) &&
          readdirSync(mailDir).some((f) => readFileSync(join(mailDir, f), 'utf8').includes('backup drill failed'))
        );
      }, 'the drill failure mail');
    });

    it('deletes a backup; a missing one is a 400', async () => {
      await pb.backups.delete('copy_of_first.zip');
      assert.ok(!(await pb.backups.getFullList()).some((b) => b.key === 'copy_of_first.zip'));
      const missing = await pb.backups.delete('copy_of_first.zip').catch((e) => e);
      assert.equal(missing.status, 400);
      const traversal = await fetch(`${t.url}/api/backups/..%2Fdata.db`, {
        method: 'DELETE',
        headers: { authorization: pb.authStore.token },
      });
      assert.equal(traversal.status, 400);
    });

    it('restores a backup: the app restarts on the restored data', async () => {
      await pb.collection('posts').create({ title: 'after the backup' });
      const count = async () =>
        (await pb.collection('posts').getList(1, 1, { filter: 'title = "after the backup"' })).totalItems;
      assert.equal(await count(), 1);
      await pb.backups.restore('first_backup.zip');
      // the app restoring answers canBackup false until it closes; the restarted one answers true
      await eventually(
        async () => {
          try {
            return (await pb.health.check()).data.canBackup === true && (await count()) === 0;
          } catch {
            return false;
          }
        },
        'the restored data served',
        60_000,
      );
      const restored = await pb.collection('posts').getList(1, 1, { filter: 'title = "post 3"' });
      assert.equal(restored.totalItems, 1);
      assert.deepEqual(restored.items[0]?.meta, { b: 3, a: [1, 'x'] });
    });

    it('refuses a restore of a missing backup', async () => {
      const missing = await pb.backups.restore('nope.zip').catch((e) => e);
      assert.equal(missing.status, 400);
    });
  });
}
