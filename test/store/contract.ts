import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { StorageKind } from '../../src/core/fields/field-type.js';
import { sql } from '../../src/store/sql.js';
import { type Queryable, type Store, UniqueViolation } from '../../src/store/store.js';

/** Opens a fresh, initialised store on an empty database; `cleanup` runs after `close()`. */
export type StoreFactory = () => Promise<{ store: Store; cleanup(): Promise<void> }>;

export interface ContractOptions {
  /** tests this store is known to fail, by title, with the reason */
  todo?: Record<string, string>;
}

const names = (rows: Array<{ name: unknown }>) => rows.map((r) => String(r.name)).sort();

/** The behaviour every Store must share; run once per implementation. */
export function storeContract(label: string, open: StoreFactory, options: ContractOptions = {}): void {
  describe(`Store contract: ${label}`, () => {
    let store: Store;
    let cleanup: () => Promise<void>;
    let table = 0;
    const it = (title: string, fn: () => Promise<void>) => test(title, { todo: options.todo?.[title] ?? false }, fn);

    /** A fresh `(id, name)` table with a unique `name`. */
    async function people(): Promise<string> {
      const name = `people_${++table}`;
      const q = store.dialect.quote;
      const text = store.dialect.columnDefinition('text', false, '');
      await store.exec(
        `CREATE TABLE ${q(name)} (${q('id')} ${store.dialect.columnDefinition('text', true, '')}, ${q('name')} ${text});
         CREATE UNIQUE INDEX ${q(`idx_${name}_name`)} ON ${q(name)} (${q('name')})`,
      );
      return q(name);
    }

    const insert = (db: Queryable, t: string, id: string, name = id) =>
      db.run(`INSERT INTO ${t} ("id", "name") VALUES (?, ?)`, [id, name]);

    before(async () => {
      ({ store, cleanup } = await open());
    });
    after(async () => {
      await store.close();
      await cleanup();
    });

    it('init is idempotent', async () => {
      await store.init();
      const row = await store.get<{ n: number }>('SELECT COUNT(*) AS n FROM "_collections"');
      assert.equal(row?.n, 0);
    });

    it('all, get, run and exec', async () => {
      const t = await people();
      assert.deepEqual(await insert(store, t, 'a'), { changes: 1 });
      await insert(store, t, 'b');
      assert.deepEqual(names(await store.all(`SELECT "name" FROM ${t} ORDER BY "id"`)), ['a', 'b']);
      assert.deepEqual(await store.get(`SELECT "name" FROM ${t} WHERE "id" = ?`, ['b']), { name: 'b' });
      assert.equal(await store.get(`SELECT "name" FROM ${t} WHERE "id" = ?`, ['zz']), undefined);
      assert.deepEqual(await store.run(`UPDATE ${t} SET "name" = "name" || ?`, ['!']), { changes: 2 });
      assert.deepEqual(await store.run(`DELETE FROM ${t} WHERE "id" = ?`, ['none']), { changes: 0 });
      const count = await store.get<{ n: unknown }>(`SELECT COUNT(*) AS n FROM ${t}`);
      assert.equal(count?.n, 2, 'COUNT(*) comes back as a number');
    });

    it('runs sql fragments, binding their values', async () => {
      const t = await people();
      const table = sql.raw(t);
      const nasty = "x'); DROP TABLE people; --";
      assert.deepEqual(await store.run(sql`INSERT INTO ${table} ("id", "name") VALUES (${'f1'}, ${nasty})`), {
        changes: 1,
      });
      await store.transaction((tx) =>
        tx.run(sql`INSERT INTO ${table} ("id", "name") VALUES (${sql.list(['f2', 'b'])})`),
      );
      const rows = await store.all<{ name: string }>(
        sql`SELECT "name" FROM ${table} WHERE "id" IN (${sql.list(['f1', 'f2'])}) ORDER BY "id"`,
      );
      assert.deepEqual(names(rows), [nasty, 'b'].sort());
      assert.deepEqual(await store.get(sql`SELECT "name" FROM ${table} WHERE "id" = ${'f2'}`, { heavy: true }), {
        name: 'b',
      });
      await store.exec(sql`UPDATE ${table} SET "name" = 'c' WHERE "id" = 'f2'`);
      assert.deepEqual(await store.get(sql`SELECT ${sql.id('name')} FROM ${table} WHERE "id" = ${'f2'}`), {
        name: 'c',
      });
      await assert.rejects(store.exec(sql`DELETE FROM ${table} WHERE "id" = ${'f1'}`), TypeError);
      await assert.rejects(store.all(sql`SELECT 1`, ['x'] as never), TypeError);
    });

    it('? inside strings, quoted identifiers and comments is not a placeholder', async () => {
      const row = await store.get(
        `SELECT '?' AS "a?", 'it''s ?' AS b, ? AS c, /* ? */ ? AS d -- ?
         , '?' || ? AS e`,
        ['x', 'y', 'z'],
      );
      assert.deepEqual(row, { 'a?': '?', b: "it's ?", c: 'x', d: 'y', e: '?z' });
    });

    it('a transaction commits when fn resolves and rolls back when it throws', async () => {
      const t = await people();
      const out = await store.transaction(async (tx) => {
        assert.equal(tx.inTransaction, true);
        await insert(tx, t, 'kept');
        return 42;
      });
      assert.equal(out, 42);
      assert.equal(store.inTransaction, false);
      await assert.rejects(
        store.transaction(async (tx) => {
          await insert(tx, t, 'lost');
          throw new Error('boom');
        }),
        /boom/,
      );
      assert.deepEqual(names(await store.all(`SELECT "name" FROM ${t}`)), ['kept']);
    });

    it('nested transactions roll back only their own savepoint', async () => {
      const t = await people();
      await store.transaction(async (tx) => {
        await insert(tx, t, 'outer');
        await assert.rejects(
          tx.transaction(async (inner) => {
            await insert(inner, t, 'inner');
            await inner.transaction(async (deepest) => insert(deepest, t, 'deepest'));
            throw new Error('undo inner');
          }),
          /undo inner/,
        );
        await tx.transaction(async (inner) => insert(inner, t, 'second'));
        assert.deepEqual(names(await tx.all(`SELECT "name" FROM ${t}`)), ['outer', 'second']);
      });
      assert.deepEqual(names(await store.all(`SELECT "name" FROM ${t}`)), ['outer', 'second']);
      await assert.rejects(
        store.transaction(async (tx) => {
          await tx.transaction(async (inner) => insert(inner, t, 'committed savepoint'));
          throw new Error('undo all');
        }),
      );
      assert.deepEqual(names(await store.all(`SELECT "name" FROM ${t}`)), ['outer', 'second']);
    });

    it('a unique violation inside a savepoint leaves the transaction usable', async () => {
      const t = await people();
      await store.transaction(async (tx) => {
        await insert(tx, t, 'a', 'same');
        await assert.rejects(
          tx.transaction((inner) => insert(inner, t, 'b', 'same')),
          UniqueViolation,
        );
        await insert(tx, t, 'c', 'other');
      });
      assert.deepEqual(names(await store.all(`SELECT "name" FROM ${t}`)), ['other', 'same']);
    });

    it('afterCommit runs after the outermost commit, never after a rollback', async () => {
      const t = await people();
      const seen: string[] = [];
      await store.transaction(async (tx) => {
        store.afterCommit(tx, () => seen.push('outer'));
        await tx.transaction(async (inner) => {
          store.afterCommit(inner, () => seen.push('inner'));
          await insert(inner, t, 'x');
        });
        assert.deepEqual(seen, []);
      });
      assert.deepEqual(seen, ['outer', 'inner']);
      await store
        .transaction(async (tx) => {
          store.afterCommit(tx, () => seen.push('rolled back'));
          throw new Error('no');
        })
        .catch(() => undefined);
      store.afterCommit(store, () => seen.push('now'));
      assert.deepEqual(seen, ['outer', 'inner', 'now']);
    });

    it('afterCommit callbacks of a rolled-back savepoint are dropped', async () => {
      const seen: string[] = [];
      await store.transaction(async (tx) => {
        await tx
          .transaction(async (inner) => {
            store.afterCommit(inner, () => seen.push('undone'));
            throw new Error('undo');
          })
          .catch(() => undefined);
        store.afterCommit(tx, () => seen.push('kept'));
      });
      assert.deepEqual(seen, ['kept']);
    });

    it('unique violations name the table and columns', async () => {
      const t = await people();
      await insert(store, t, 'a', 'ann');
      const byPk = await insert(store, t, 'a', 'bob').catch((e: unknown) => e);
      assert.ok(byPk instanceof UniqueViolation, String(byPk));
      assert.equal(byPk.table, t.slice(1, -1));
      assert.deepEqual(byPk.columns, ['id']);
      const byIndex = await store.transaction((tx) => insert(tx, t, 'b', 'ann')).catch((e: unknown) => e);
      assert.ok(byIndex instanceof UniqueViolation, String(byIndex));
      assert.deepEqual(byIndex.columns, ['name']);
      const q = store.dialect.quote;
      await store.exec(
        `CREATE TABLE "pairs" ("a" TEXT, "b" TEXT); CREATE UNIQUE INDEX "idx_pairs" ON "pairs" (${q('a')}, ${q('b')})`,
      );
      await store.run('INSERT INTO "pairs" VALUES (?, ?)', ['1', '2']);
      const pair = await store.run('INSERT INTO "pairs" VALUES (?, ?)', ['1', '2']).catch((e: unknown) => e);
      assert.ok(pair instanceof UniqueViolation);
      assert.deepEqual(pair.columns, ['a', 'b']);
    });

    it('collection names are unique regardless of ASCII case', async () => {
      const row = (id: string, name: string) =>
        store.run('INSERT INTO "_collections" ("id", "name") VALUES (?, ?)', [id, name]);
      await row('c1', 'Posts');
      const err = await row('c2', 'posts').catch((e: unknown) => e);
      assert.ok(err instanceof UniqueViolation, String(err));
      await row('c3', 'Pösts');
      await row('c4', 'PÖsts');
      await store.run('DELETE FROM "_collections"');
    });

    it('every storage kind survives encode → column → decode', async () => {
      const d = store.dialect;
      const kinds: Array<[StorageKind, unknown, unknown]> = [
        ['text', 'héllo ? \'"', ''],
        ['number', 12.5, 0],
        ['bool', true, false],
        ['json', { b: 1, a: [1, 'x'], c: null }, null],
        ['json', ['x', 'y'], []],
      ];
      const cols = kinds.map(([k, , zero], i) => `"c${i}" ${d.columnDefinition(k, false, zero)}`);
      await store.exec(`CREATE TABLE "kinds" ("id" ${d.columnDefinition('text', true, '')}, ${cols.join(', ')})`);
      await store.run('INSERT INTO "kinds" ("id") VALUES (?)', ['zero']);
      const marks = kinds.map(() => '?').join(', ');
      const cnames = kinds.map((_, i) => `"c${i}"`).join(', ');
      await store.run(`INSERT INTO "kinds" ("id", ${cnames}) VALUES (?, ${marks})`, [
        'full',
        ...kinds.map(([k, v]) => d.encode(k, v)),
      ]);
      const full = await store.get<Record<string, unknown>>('SELECT * FROM "kinds" WHERE "id" = ?', ['full']);
      const zero = await store.get<Record<string, unknown>>('SELECT * FROM "kinds" WHERE "id" = ?', ['zero']);
      kinds.forEach(([k, v, z], i) => {
        assert.deepEqual(d.decode(k, full?.[`c${i}`]), v, `c${i}`);
        assert.deepEqual(d.decode(k, zero?.[`c${i}`]), z, `c${i} zero`);
      });
      assert.equal(full?.c3, '{"b":1,"a":[1,"x"],"c":null}', 'JSON text comes back byte for byte');
      const hit = await store.get(
        sql`SELECT 1 AS ok FROM "kinds" WHERE ${d.jsonArrayContains(sql.id('c4'), sql.list(['nope', 'y']))}`,
      );
      assert.deepEqual(hit, { ok: 1 });
      const miss = await store.get(
        sql`SELECT 1 AS ok FROM "kinds" WHERE ${d.jsonArrayContains(sql.id('c0'), sql.list(['x']))}`,
      );
      assert.equal(miss, undefined);
    });

    it('caseInsensitiveEquals folds ASCII only, like SQLite NOCASE', async () => {
      const d = store.dialect;
      const t = await people();
      await insert(store, t, '1', 'Ann@Example.com');
      await insert(store, t, '2', 'Ärger');
      const find = (v: string) =>
        store.get(sql`SELECT "id" FROM ${sql.raw(t)} WHERE ${d.caseInsensitiveEquals(sql.id('name'), sql`${v}`)}`);
      assert.deepEqual(await find('ann@example.COM'), { id: '1' });
      assert.deepEqual(await find('Ärger'), { id: '2' });
      assert.equal(await find('ärger'), undefined);
    });
  });
}
