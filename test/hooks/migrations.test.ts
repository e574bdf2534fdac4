import assert from 'node:assert/strict';
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import PocketBase from 'pocketbase';
import type { App } from '../../src/core/app.js';
import { sql } from '../../src/store/sql.js';
import { DIALECTS, type Dialect, runCli, setupDialect, startApp, TEST_SUPERUSER, tempDir } from '../harness/index.js';
import { call, eventually, project } from './project.js';

/** CLI flags for a database of `dialect` in `dir`. */
async function database(dialect: Dialect) {
  const setup = await setupDialect(dialect);
  const dir = tempDir();
  const flags = [`--dir=${dir}`, ...(setup.flags.db ? [`--db=${setup.flags.db}`] : [])];
  return { dir, flags, serveFlags: { dir, db: setup.flags.db ?? '' }, cleanup: setup.cleanup };
}

/** Every collection as the API shows it, without timestamps, by name. */
async function schemaOf(url: string, token: string) {
  const r = await call(`${url}/api/collections?perPage=500&sort=name`, 'GET', undefined, token);
  assert.equal(r.status, 200);
  return (r.body.items as Record<string, unknown>[]).map(({ created: _c, updated: _u, ...rest }) => rest);
}

/** The columns of every records table, as the database describes them. */
async function columnsOf(app: App, dialect: Dialect): Promise<string[]> {
  const out: string[] = [];
  for (const c of app.collections.all().sort((a, b) => (a.name < b.name ? -1 : 1))) {
    if (c.type === 'view') continue;
    const rows = await app.store.all<{ name: string; type: string }>(
      dialect === 'postgres'
        ? sql`SELECT column_name AS name, data_type AS type FROM information_schema.columns WHERE table_name = ${c.name} ORDER BY ordinal_position`
        : sql`SELECT name, type FROM pragma_table_info(${c.name})`,
    );
    out.push(`${c.name}: ${rows.map((r) => `${r.name} ${r.type}`).join(', ')}`);
  }
  return out;
}

for (const dialect of DIALECTS) {
  // hook and migration files compile through esbuild, whose service process is unreferenced while it
  // works: a timer keeps the event loop from looking finished meanwhile (node:test would cancel the
  // file), and the time limit turns a real hang into a failure
  describe(`migrations (${dialect})`, { timeout: 300_000 }, () => {
    const cleanups: Array<() => Promise<void>> = [];
    let keepAlive: NodeJS.Timeout | undefined;
    before(() => {
      keepAlive = setInterval(() => {}, 60_000);
    });
    after(async () => {
      clearInterval(keepAlive);
      for (const fn of cleanups) await fn();
    });

    it('creates, applies, reverts and forgets migration files from the command line', async () => {
      const p = project();
      const db = await database(dialect);
      cleanups.push(db.cleanup);
      const cli = (...args: string[]) =>
        runCli(['migrate', ...args, ...db.flags, `--migrations-dir=${p.migrationsDir}`]);
      const created = cli('create', 'add notes');
      assert.equal(created.status, 0, created.stderr);
      const [blank] = readdirSync(p.migrationsDir);
      assert.match(blank ?? '', /^\d+_add_notes\.ts$/);
      assert.match(
        readFileSync(join(p.migrationsDir, blank as string), 'utf8'),
        /export async function up\(app: BasaltApp\)/,
      );
      p.migration(
        blank as string,
        `import type { BasaltApp } from 'basalt';
export async function up(app: BasaltApp) {
  await app.saveCollection({ name: 'notes', type: 'base', listRule: '', fields: [{ name: 'text', type: 'text' }] });
  const note = app.newRecord('notes', { text: 'seeded' });
  await app.save(note);
}
export async function down(app: BasaltApp) {
  await app.deleteCollection('notes');
}
`,
      );
      const up = cli('up');
      assert.equal(up.status, 0, up.stderr);
      assert.match(up.stdout, /Applied 1 migration\(s\):\n {2}\d+_add_notes\.ts/);
      assert.match(cli('up').stdout, /No pending migrations/);

      const t = await startApp({ dialect, flags: { ...db.serveFlags, 'migrations-dir': p.migrationsDir } });
      try {
        const list = await call(`${t.url}/api/collections/notes/records`, 'GET');
        assert.deepEqual(
          list.body.items.map((r: { text: string }) => r.text),
          ['seeded'],
        );
      } finally {
        await t.close();
      }
      const down = cli('down');
      assert.equal(down.status, 0, down.stderr);
      assert.match(down.stdout, /Reverted 1 migration/);
      assert.match(cli('down', '1').stdout, /No applied migrations to revert/);
      assert.equal(cli('down', 'x').status, 2);

      const again = cli('up');
      assert.equal(again.status, 0, again.stderr);
      p.migration('9999999999_gone.ts', 'export async function up() {}\nexport async function down() {}\n');
      const gone = cli('up');
      assert.equal(gone.status, 0, gone.stderr);
      rmSync(join(p.migrationsDir, '9999999999_gone.ts'));
      const sync = cli('history-sync');
      assert.match(sync.stdout, /Forgot 1 migration\(s\) whose files are gone:\n {2}9999999999_gone\.ts/);
    });

    it('rolls back a migration that fails halfway, and serve does not start, naming the file', async () => {
      const p = project();
      const db = await database(dialect);
      cleanups.push(db.cleanup);
      p.migration(
        '1000_ok.ts',
        "export async function up(app) { await app.saveCollection({ name: 'first', fields: [] }); }\n",
      );
      p.migration(
        '2000_broken.ts',
        "export async function up(app) {\n  await app.saveCollection({ name: 'second', fields: [] });\n  throw new Error('halfway');\n}\n",
      );
      const up = runCli(['migrate', 'up', ...db.flags, `--migrations-dir=${p.migrationsDir}`]);
      assert.equal(up.status, 1);
      assert.match(up.stderr, /migration .*basalt_migrations\/2000_broken\.ts:3 failed \(rolled back\): halfway/);
      await assert.rejects(
        startApp({ dialect, flags: { ...db.serveFlags, 'migrations-dir': p.migrationsDir } }),
        /2000_broken\.ts:3 failed \(rolled back\): halfway/,
      );
      p.migration('2000_broken.ts', 'export async function up() {}\n');
      const t = await startApp({ dialect, flags: { ...db.serveFlags, 'migrations-dir': p.migrationsDir } });
      try {
        const token = await t.superuserToken();
        const names = (await schemaOf(t.url, token)).map((c) => c.name);
        assert.ok(names.includes('first'));
        assert.ok(!names.includes('second'));
      } finally {
        await t.close();
      }
    });

    it('automigrate writes files that rebuild the exact schema on an empty database, and revert it', async () => {
      const p = project();
      const t = await startApp({ dialect, flags: { ...p.flags, automigrate: true } });
      let expected: Record<string, unknown>[];
      let expectedColumns: string[];
      let baseline: Record<string, unknown>[];
      try {
        const pb = new PocketBase(t.url);
        await t.superuserToken();
        await pb.collection('_superusers').authWithPassword(TEST_SUPERUSER.email, TEST_SUPERUSER.password);
        baseline = await schemaOf(t.url, pb.authStore.token);
        const authors = await pb.collections.create({
          name: 'authors',
          type: 'base',
          listRule: '',
          fields: [
            { name: 'name', type: 'text', required: true, max: 80 },
            { name: 'born', type: 'date' },
            { name: 'genre', type: 'select', values: ['poetry', 'prose'], maxSelect: 1 },
          ],
          indexes: ['CREATE UNIQUE INDEX idx_authors_name ON authors (name)'],
        });
        const books = await pb.collections.create({
          name: 'books',
          type: 'base',
          viewRule: 'author.name != ""',
          fields: [
            { name: 'title', type: 'text' },
            { name: 'pages', type: 'number', onlyInt: true },
            { name: 'author', type: 'relation', collectionId: authors.id, maxSelect: 1, cascadeDelete: true },
            { name: 'meta', type: 'json' },
            { name: 'created', type: 'autodate', onCreate: true },
          ],
        });
        const fields = books.fields.map((f: { name: string }) => (f.name === 'title' ? { ...f, name: 'heading' } : f));
        await pb.collections.update(books.id, {
          fields: [...fields, { name: 'isbn', type: 'text' }],
          indexes: ['CREATE INDEX idx_books_isbn ON books (isbn)'],
          listRule: '@request.auth.id != ""',
        });
        await pb.collections.update(authors.id, { name: 'writers' });
        await pb.collections.create({
          name: 'book_pages',
          type: 'view',
          listRule: '',
          viewQuery: 'SELECT id, heading, pages FROM books',
        });
        await pb.collections.create({ name: 'members', type: 'auth', fields: [{ name: 'nick', type: 'text' }] });
        await pb.collections.update('users', {
          fields: [...(await pb.collections.getOne('users')).fields, { name: 'bio', type: 'editor' }],
        });
        const tmp = await pb.collections.create({ name: 'scratch', type: 'base', fields: [] });
        await pb.collections.delete(tmp.id);
        // an import changes several collections in one go
        await pb.collections.import([{ ...(await pb.collections.getOne('members')), listRule: '' }], false);

        const written = () => readdirSync(p.migrationsDir).length;
        await eventually(() => written() === 10, 'ten migration files');
        const names = readdirSync(p.migrationsDir).sort();
        assert.deepEqual(
          names.map((n) => n.replace(/^\d+_/, '')),
          [
            'created_authors.ts',
            'created_books.ts',
            'updated_books.ts',
            'updated_authors.ts',
            'created_book_pages.ts',
            'created_members.ts',
            'updated_users.ts',
            'created_scratch.ts',
            'deleted_scratch.ts',
            'updated_members.ts',
          ],
        );
        expected = await schemaOf(t.url, pb.authStore.token);
        expectedColumns = await columnsOf(t.app, dialect);
      } finally {
        await t.close();
      }

      // a fresh database: `basalt migrate up` applies the committed files
      const db = await database(dialect);
      cleanups.push(db.cleanup);
      const up = runCli(['migrate', 'up', ...db.flags, `--migrations-dir=${p.migrationsDir}`]);
      assert.equal(up.status, 0, up.stderr);
      assert.match(up.stdout, /Applied 10 migration\(s\)/);
      const fresh = await startApp({ dialect, flags: { ...db.serveFlags, 'migrations-dir': p.migrationsDir } });
      try {
        const token = await fresh.superuserToken();
        assert.deepEqual(await schemaOf(fresh.url, token), expected);
        assert.deepEqual(await columnsOf(fresh.app, dialect), expectedColumns);
      } finally {
        await fresh.close();
      }
      // and `migrate down` walks every change back
      const down = runCli(['migrate', 'down', '10', ...db.flags, `--migrations-dir=${p.migrationsDir}`]);
      assert.equal(down.status, 0, down.stderr);
      const reverted = await startApp({ dialect, flags: { ...db.serveFlags, 'migrations-dir': tempDir() } });
      try {
        const auth = await call(`${reverted.url}/api/collections/_superusers/auth-with-password`, 'POST', {
          identity: TEST_SUPERUSER.email,
          password: TEST_SUPERUSER.password,
        });
        assert.deepEqual(await schemaOf(reverted.url, auth.body.token), baseline);
      } finally {
        await reverted.close();
      }
    });
  });
}
