import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import Database from 'better-sqlite3';
import PocketBase from 'pocketbase';
import { main } from '../../src/cli/index.js';
import type { Io } from '../../src/cli/output.js';
import { startS3 } from '../files/s3rver.js';
import { DIALECTS, startApp, TEST_SUPERUSER, type TestApp, tempDir } from '../harness/index.js';
import { startPostgres, type TestPostgres } from '../harness/postgres.js';
import { copyFixture, type FixtureCopy } from './helpers.js';

async function runImport(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const io: Io = {
    out: (t) => {
      out += t;
    },
    err: (t) => {
      err += t;
    },
  };
  const code = await main(['import', 'pocketbase', ...args], io);
  return { code, out, err };
}

const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

/** Every record of every collection, as a superuser sees it through the SDK. */
async function everything(pb: PocketBase): Promise<Record<string, unknown[]>> {
  const out: Record<string, unknown[]> = {};
  for (const c of await pb.collections.getFullList({ sort: 'name' })) {
    out[c.name] = await pb.collection(c.name).getFullList({ sort: 'id' });
  }
  return out;
}

const pgOnly = DIALECTS.includes('postgres');

describe('basalt import pocketbase: a PocketBase pb_data into PostgreSQL', { skip: !pgOnly }, () => {
  let fx: FixtureCopy;
  let pg: TestPostgres;
  let targetDir: string;

  before(async () => {
    fx = copyFixture();
    pg = await startPostgres();
    targetDir = tempDir('basalt-import-target-');
  });
  after(() => pg?.stop());

  it('copies settings, collections, records, superusers and files, and verifies each collection', async () => {
    const run = await runImport([fx.dataDir, `--db=${pg.url}`, `--dir=${targetDir}`]);
    assert.equal(run.code, 0, run.err + run.out);
    assert.match(run.err, /records posts 3\/3/);
    assert.match(run.out, /posts\s+3 → 3\s+3\/3\s+match/);
    assert.match(run.out, /_superusers\s+1 → 1/);
    assert.match(run.out, /post_stats\s+3 → 3\s+-\s+view/);
    assert.match(run.out, /Done: every collection verified/);
  });

  it('completes a run that was cut short, and a second run changes nothing', async () => {
    const pgSide = await startApp({ flags: { dir: targetDir, db: pg.url } });
    try {
      await pgSide.app.store.run('DELETE FROM "comments" WHERE "id" <> $1', ['cmt000000000001']);
    } finally {
      await pgSide.close();
    }
    const copied = join(targetDir, 'storage', fx.manifest.files[0]?.collectionId ?? '', 'post00000000001');
    rmSync(copied, { recursive: true, force: true });
    const again = await runImport([fx.dataDir, `--db=${pg.url}`, `--dir=${targetDir}`]);
    assert.equal(again.code, 0, again.err + again.out);
    assert.match(again.out, /comments\s+3 → 3/);
    assert.match(again.out, /posts\s+3 → 3\s+3\/3\s+match/);
    assert.ok(existsSync(copied));
    const third = await runImport([fx.dataDir, `--db=${pg.url}`, `--dir=${targetDir}`]);
    assert.equal(third.code, 0);
    assert.equal(third.out, again.out);
  });

  it('serves the same records, passwords, tokens, settings and files from PostgreSQL', async () => {
    const sqliteSide = await startApp({ flags: { dir: copyFixture().dataDir } });
    const pgSide = await startApp({ flags: { dir: targetDir, db: pg.url } });
    try {
      const a = new PocketBase(sqliteSide.url);
      const b = new PocketBase(pgSide.url);
      a.autoCancellation(false);
      b.autoCancellation(false);
      a.authStore.save(fx.manifest.superuser.token);
      // a token PocketBase issued still works against PostgreSQL
      b.authStore.save(fx.manifest.superuser.token);
      assert.deepEqual(await everything(b), await everything(a));
      const settings = await b.settings.getAll();
      assert.equal(settings.meta.appName, 'PB Fixture');
      const user = fx.manifest.users[0];
      assert.ok(user);
      const alice = new PocketBase(pgSide.url);
      await alice.collection('users').authWithPassword(user.email, user.password);
      await b.collection('_superusers').authWithPassword(fx.manifest.superuser.email, 'pb-admin-pass-1');
      for (const f of fx.manifest.files) {
        const record = await b.collection(f.collectionId).getOne(f.recordId);
        const res = await fetch(b.files.getURL(record, f.name));
        assert.equal(res.status, 200, f.name);
        assert.equal(sha256(new Uint8Array(await res.arrayBuffer())), f.sha256, f.name);
      }
      const created = await alice.collection('posts').create({ title: 'Written on PostgreSQL', author: user.id });
      assert.equal((await b.collection('posts').getOne(created.id)).title, 'Written on PostgreSQL');
      await b.collection('posts').delete(created.id);
    } finally {
      await sqliteSide.close();
      await pgSide.close();
    }
  });

  it('refuses without a PostgreSQL --db and for a folder with no data', async () => {
    const noDb = await runImport([fx.dataDir]);
    assert.equal(noDb.code, 2);
    assert.match(noDb.err, /--db=postgres:\/\/ .*is required|--db=postgres:\/\/USER/);
    const empty = await runImport([tempDir(), `--db=${pg.url}`]);
    assert.equal(empty.code, 2);
    assert.match(empty.err, /holds no data\.db/);
  });
});

describe('basalt import pocketbase: a Basalt SQLite data dir into PostgreSQL', { skip: !pgOnly }, () => {
  let source: TestApp;
  let pg: TestPostgres;
  const dir = join(tempDir('basalt-import-src-'), 'data');

  before(async () => {
    source = await startApp({ flags: { dir } });
    pg = await startPostgres();
  });
  after(async () => {
    await source?.close();
    await pg?.stop();
  });

  it('moves collections, records and files; the files stay in the data dir', async () => {
    const pb = new PocketBase(source.url);
    pb.authStore.save(await source.superuserToken());
    await pb.collections.create({
      name: 'notes',
      type: 'base',
      listRule: '',
      viewRule: '',
      fields: [
        { name: 'text', type: 'text' },
        { name: 'done', type: 'bool' },
        { name: 'doc', type: 'file', maxSelect: 1 },
      ],
    });
    const form = new FormData();
    form.append('text', 'hello');
    form.append('done', 'true');
    form.append('doc', new Blob(['plain words'], { type: 'text/plain' }), 'words.txt');
    const note = await pb.collection('notes').create(form);
    const before = await everything(pb);
    const token = pb.authStore.token;
    await source.close();

    const run = await runImport([dir, `--db=${pg.url}`]);
    assert.equal(run.code, 0, run.err + run.out);
    assert.match(run.err, /Importing Basalt data/);
    assert.match(run.out, /notes\s+1 → 1\s+1\/1\s+match/);
    assert.match(run.out, /Files stay in/);

    const moved = await startApp({ flags: { dir, db: pg.url } });
    try {
      const b = new PocketBase(moved.url);
      // the token the SQLite server issued is valid on PostgreSQL: same tokenKey, same secret
      b.authStore.save(token);
      assert.deepEqual(await everything(b), before);
      await b.collection('_superusers').authWithPassword(TEST_SUPERUSER.email, TEST_SUPERUSER.password);
      const res = await fetch(b.files.getURL(note, note.doc));
      assert.equal(await res.text(), 'plain words');
    } finally {
      await moved.close();
    }
  });
});

describe('basalt import pocketbase: files to S3 when the settings enable it', { skip: !pgOnly }, () => {
  it('uploads every file to the bucket and verifies its bytes there', async () => {
    const fx = copyFixture();
    const s3 = await startS3('pb-import');
    const pg = await startPostgres();
    try {
      const db = new Database(join(fx.dataDir, 'data.db'));
      const row = db.prepare("SELECT value FROM _params WHERE id = 'settings'").get() as { value: string };
      const settings = JSON.parse(row.value) as Record<string, unknown>;
      db.prepare("UPDATE _params SET value = ? WHERE id = 'settings'").run(
        JSON.stringify({ ...settings, s3: s3.settings }),
      );
      db.close();
      const targetDir = tempDir('basalt-import-s3-');
      const run = await runImport([fx.dataDir, `--db=${pg.url}`, `--dir=${targetDir}`]);
      assert.equal(run.code, 0, run.err + run.out);
      assert.match(run.out, /posts\s+3 → 3\s+3\/3\s+match/);
      assert.match(run.out, /users\s+2 → 2\s+1\/1\s+match/);
      assert.ok(!existsSync(join(targetDir, 'storage', 'pbc_1125843985')));
      const served = await startApp({ flags: { dir: targetDir, db: pg.url } });
      try {
        const pb = new PocketBase(served.url);
        const post = await pb.collection('posts').getOne('post00000000001');
        const res = await fetch(pb.files.getURL(post, post.attachments[0]));
        assert.equal(await res.text(), 'Notes kept by PocketBase.\n');
      } finally {
        await served.close();
      }
    } finally {
      await pg.stop();
      await s3.close();
    }
  });
});
