import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import Database from 'better-sqlite3';
import PocketBase from 'pocketbase';
import { pocketBaseCodeNotice } from '../../src/core/pocketbase/beside.js';
import { UnsupportedDataDir } from '../../src/core/pocketbase/layout.js';
import { recognizeDataDir } from '../../src/main.js';
import { appliedMigrations } from '../../src/plugins/migrations/runner.js';
import { generatePocketBaseProject } from '../fixtures/pocketbase/generate.js';
import { runCli, startApp, tempDir } from '../harness/index.js';
import { copyFixture } from './helpers.js';

function edit(dataDir: string, statement: string): void {
  const db = new Database(join(dataDir, 'data.db'));
  db.exec(statement);
  db.close();
}

function untouched(dataDir: string): void {
  const db = new Database(join(dataDir, 'data.db'), { readonly: true });
  try {
    assert.equal(db.prepare("SELECT 1 FROM _params WHERE id = 'basalt'").get(), undefined);
    assert.equal(db.prepare("SELECT 1 FROM sqlite_master WHERE name = '_outbox'").get(), undefined);
  } finally {
    db.close();
  }
}

describe('recognising PocketBase data directories', () => {
  it('recognises the fixture as PocketBase data and a fresh folder as new', () => {
    assert.equal(recognizeDataDir(copyFixture().dataDir), 'pocketbase');
    assert.equal(recognizeDataDir(tempDir()), 'new');
  });

  it('refuses a layout written by a newer PocketBase, naming the migration, and changes nothing', () => {
    const { dataDir } = copyFixture();
    edit(dataDir, "INSERT INTO _migrations (file, applied) VALUES ('1799999999_future_layout.go', 1)");
    assert.throws(
      () => recognizeDataDir(dataDir),
      (err: Error) => {
        assert.ok(err instanceof UnsupportedDataDir);
        assert.match(err.message, /newer PocketBase than Basalt knows \(1799999999_future_layout\.go\)/);
        return true;
      },
    );
    const cli = runCli(['serve', `--dir=${dataDir}`, '--http=127.0.0.1:0']);
    assert.equal(cli.status, 1);
    assert.match(cli.stderr, /PocketBase data directory that Basalt cannot open/);
    assert.match(cli.stderr, /Nothing was changed/);
    untouched(dataDir);
  });

  it('refuses PocketBase data from before v0.23 and a _collections table of another shape', () => {
    const old = copyFixture().dataDir;
    edit(old, "DELETE FROM _migrations WHERE file LIKE '%v0.23%'");
    assert.throws(() => recognizeDataDir(old), /predates PocketBase v0\.23/);
    untouched(old);
    const odd = copyFixture().dataDir;
    edit(odd, 'ALTER TABLE _collections ADD COLUMN extra TEXT');
    assert.throws(() => recognizeDataDir(odd), /unknown columns extra/);
    untouched(odd);
  });

  it('names the PocketBase hooks and migrations it will not run', () => {
    const { dataDir } = copyFixture();
    const notice = pocketBaseCodeNotice(dataDir);
    assert.match(notice, /pb_hooks\/main\.pb\.js/);
    assert.match(notice, /pb_migrations\/1719427146_updated_users\.js/);
    assert.match(notice, /docs\/hooks\.md/);
    assert.equal(pocketBaseCodeNotice(tempDir()), '');
  });

  it("keeps PocketBase's migration rows out of Basalt's user migration history", async () => {
    const { dataDir } = copyFixture();
    const env = await startApp({ flags: { dir: dataDir } });
    try {
      assert.deepEqual(await appliedMigrations(env.app), []);
    } finally {
      await env.close();
    }
    // a second start finds the marker and applies nothing again
    const again = await startApp({ flags: { dir: dataDir } });
    await again.close();
  });
});

describe('PocketBase settings encrypted with --encryptionEnv', () => {
  const key = 'k'.repeat(16) + 'K'.repeat(16);
  const VAR = 'BASALT_TEST_PB_KEY';
  after(() => {
    delete process.env[VAR];
  });

  it('opens them with the same key, and refuses to start without it', async () => {
    const root = join(tempDir('basalt-pb-enc-'), 'project');
    const manifest = await generatePocketBaseProject(root, { encryptionKey: key });
    const dataDir = join(root, 'pb_data');
    await assert.rejects(startApp({ flags: { dir: dataDir } }), /encrypted/);
    process.env[VAR] = key;
    const env = await startApp({ flags: { dir: dataDir, 'encryption-env': VAR } });
    try {
      const admin = new PocketBase(env.url);
      admin.authStore.save(manifest.superuser.token);
      const settings = await admin.settings.getAll();
      assert.equal(settings.meta.appName, 'PB Fixture');
    } finally {
      await env.close();
    }
  });
});
