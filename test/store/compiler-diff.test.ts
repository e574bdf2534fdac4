import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { pino } from 'pino';
import { App } from '../../src/core/app.js';
import type { Collection } from '../../src/core/collection.js';
import { schemaSpecOf } from '../../src/core/collections/persist.js';
import { getFieldType } from '../../src/core/fields/index.js';
import { GUEST, requestInfo } from '../../src/core/request.js';
import { conditionsOf } from '../../src/core/rules-sql/index.js';
import { InvalidQueryValue, PostgresStore } from '../../src/store/postgres/store.js';
import { sql } from '../../src/store/sql.js';
import { SqliteStore } from '../../src/store/sqlite/store.js';
import type { Store } from '../../src/store/store.js';
import { startPostgres, type TestPostgres } from '../harness/postgres.js';
import { schema } from '../rules-sql/fixture.js';
import { DIFFERENT, FILTERS, GUEST_FILTERS, ROWS, SORTS } from './compiler-cases.js';

interface Side {
  store: Store;
  app: App;
  cleanup(): Promise<void>;
}

async function open(store: Store, cleanup: () => Promise<void>): Promise<Side> {
  await store.init();
  const list = schema().filter((c) => c.name !== '_superusers');
  for (const c of list) {
    await store.transaction((tx) => tx.migrator.sync(tx, null, schemaSpecOf(c)));
    for (const row of ROWS[c.name] ?? []) {
      const fields = c.fields.filter((f) => f.name in row);
      const values = fields.map((f) => store.dialect.encode(getFieldType(f.type).storage(f), row[f.name]));
      const cols = fields.map((f) => store.dialect.quote(f.name)).join(', ');
      await store.run(
        `INSERT INTO ${store.dialect.quote(c.name)} (${cols}) VALUES (${fields.map(() => '?').join(', ')})`,
        values,
      );
    }
  }
  const app = new App(store, { dataDir: '', bodyLimit: 0 }, pino({ enabled: false }));
  app.collections.replace(list);
  return { store, app, cleanup };
}

async function sorted(side: Side, sort: string): Promise<string[]> {
  const posts = side.app.collections.find('posts') as Collection;
  const order = conditionsOf(side.app).sort(posts, sort, requestInfo({ ...GUEST, isSuperuser: true }));
  const rows = await side.store.all<{ id: string }>(
    sql`SELECT "__r"."id" AS id FROM "posts" AS "__r" ORDER BY ${order}`,
  );
  return rows.map((r) => r.id);
}

async function ids(side: Side, filter: string, superuser = true): Promise<string[] | 'type error'> {
  const posts = side.app.collections.find('posts') as Collection;
  const cond = conditionsOf(side.app).filter(posts, filter, requestInfo({ ...GUEST, isSuperuser: superuser }));
  try {
    const rows = await side.store.all<{ id: string }>(
      sql`SELECT "__r"."id" AS id FROM "posts" AS "__r" WHERE (${cond}) ORDER BY "__r"."id"`,
    );
    return rows.map((r) => r.id);
  } catch (err) {
    if (err instanceof InvalidQueryValue) return 'type error';
    throw err;
  }
}

describe('filters give the same records on SQLite and PostgreSQL', () => {
  let pg: TestPostgres;
  let lite: Side;
  let post: Side;
  before(async () => {
    pg = await startPostgres();
    const dir = mkdtempSync(join(tmpdir(), 'basalt-diff-'));
    lite = await open(new SqliteStore(join(dir, 'data.db')), async () => rmSync(dir, { recursive: true, force: true }));
    post = await open(new PostgresStore(pg.url), () => pg.stop());
  });
  after(async () => {
    for (const side of [lite, post]) {
      await side?.store.close();
      await side?.cleanup();
    }
  });

  for (const filter of FILTERS) {
    test(filter, async () => {
      assert.deepEqual(await ids(post, filter), await ids(lite, filter));
    });
  }
  for (const filter of GUEST_FILTERS) {
    test(`as a guest: ${filter}`, async () => {
      assert.deepEqual(await ids(post, filter, false), await ids(lite, filter, false));
    });
  }
  for (const sort of SORTS) {
    test(`sort ${sort}`, async () => {
      assert.deepEqual(await sorted(post, sort), await sorted(lite, sort));
    });
  }
  for (const [filter, answer] of Object.entries(DIFFERENT)) {
    test(`known difference: ${filter}`, async () => {
      assert.deepEqual(await ids(post, filter), answer);
    });
  }
});
