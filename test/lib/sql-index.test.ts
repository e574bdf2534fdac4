import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildIndex, indexName, indexSignature, parseIndex, withIndexTable } from '../../src/lib/sql-index.js';

describe('sql-index: parseIndex', () => {
  it('reads every identifier quoting style', () => {
    for (const sql of [
      'CREATE INDEX `idx_a` ON `posts` (`title`)',
      'CREATE INDEX "idx_a" ON "posts" ("title")',
      'CREATE INDEX [idx_a] ON [posts] ([title])',
      'create index idx_a on posts (title)',
      '  CREATE   INDEX idx_a ON posts(title);',
    ]) {
      const def = parseIndex(sql);
      assert.ok(def, sql);
      assert.equal(def.name, 'idx_a');
      assert.equal(def.table, 'posts');
      assert.deepEqual(def.columns, [{ name: 'title', collate: '', sort: '' }]);
      assert.equal(def.unique, false);
    }
  });

  it('reads UNIQUE, IF NOT EXISTS, schema, collation, sort and WHERE', () => {
    const def = parseIndex(
      "CREATE UNIQUE INDEX IF NOT EXISTS main.`idx_b` ON `users` (`email` COLLATE NOCASE DESC, name ASC) WHERE `email` != ''",
    );
    assert.ok(def);
    assert.equal(def.unique, true);
    assert.equal(def.ifNotExists, true);
    assert.equal(def.schema, 'main');
    assert.equal(def.name, 'idx_b');
    assert.deepEqual(def.columns, [
      { name: 'email', collate: 'NOCASE', sort: 'DESC' },
      { name: 'name', collate: '', sort: 'ASC' },
    ]);
    assert.equal(def.where, "`email` != ''");
  });

  it('keeps expressions as written', () => {
    const def = parseIndex('CREATE INDEX idx_c ON t (lower(title), json_extract(meta, "$.a"))');
    assert.ok(def);
    assert.deepEqual(
      def.columns.map((c) => c.name),
      ['lower(title)', 'json_extract(meta, "$.a")'],
    );
  });

  it('rejects what is not a CREATE INDEX statement', () => {
    for (const sql of [
      '',
      'CREATE TABLE t (a)',
      'CREATE INDEX ON t (a)',
      'CREATE INDEX idx ON t',
      'CREATE INDEX idx ON t ()',
      'CREATE INDEX idx ON t (a) extra',
      'CREATE INDEX idx ON t (a',
      'DROP INDEX idx',
    ]) {
      assert.equal(parseIndex(sql), null, sql);
    }
  });
});

describe('sql-index: build and rename', () => {
  it('builds with backticks and round-trips', () => {
    const sql = "CREATE UNIQUE INDEX idx ON posts (title COLLATE NOCASE, slug DESC) WHERE slug != ''";
    const built = buildIndex(parseIndex(sql) as NonNullable<ReturnType<typeof parseIndex>>);
    assert.equal(built, "CREATE UNIQUE INDEX `idx` ON `posts` (`title` COLLATE NOCASE, `slug` DESC) WHERE slug != ''");
    assert.deepEqual(parseIndex(built), parseIndex(sql));
  });

  it('renames the table inside index SQL and leaves matching SQL untouched', () => {
    assert.equal(
      withIndexTable('CREATE INDEX idx ON posts (title)', 'articles'),
      'CREATE INDEX `idx` ON `articles` (`title`)',
    );
    const same = 'CREATE INDEX idx ON posts (title)';
    assert.equal(withIndexTable(same, 'posts'), same);
  });

  it('ignores names, table and quoting in the definition signature', () => {
    const a = parseIndex('CREATE INDEX a ON posts (`title`)');
    const b = parseIndex('create index "b" on other ("title")');
    assert.ok(a && b);
    assert.equal(indexSignature(a), indexSignature(b));
  });
});

describe('sql-index: indexName', () => {
  it('reads the name from the statement head, even when the rest does not parse', () => {
    assert.equal(indexName('CREATE INDEX idx ON t (a)'), 'idx');
    assert.equal(indexName('create unique index if not exists "main"."my idx" on t (a)'), 'my idx');
    assert.equal(indexName('CREATE INDEX [b] ON t ('), 'b');
    assert.equal(indexName('CREATE INDEX `c`'), 'c');
    assert.equal(indexName('CREATE TABLE t (a)'), '');
    assert.equal(indexName(''), '');
  });
});
