import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Collection } from '../../src/core/collection.js';
import {
  buildIndex,
  findSingleColumnUniqueIndex,
  hasSingleColumnUniqueIndex,
  indexSignature,
  isNocaseUnique,
  parseIndex,
  uniqueViolationFields,
  withIndexTable,
} from '../../src/core/collections/index-def.js';
import { UniqueViolation } from '../../src/store/store.js';

function collectionWith(indexes: string[], fieldNames: string[]): Collection {
  return {
    id: 'c1',
    name: 'posts',
    type: 'base',
    system: false,
    fields: fieldNames.map((name) => ({
      id: name,
      name,
      type: 'text',
      system: false,
      hidden: false,
      presentable: false,
    })),
    indexes,
    listRule: null,
    viewRule: null,
    createRule: null,
    updateRule: null,
    deleteRule: null,
    created: '',
    updated: '',
  };
}

describe('index-def: parseIndex', () => {
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

describe('index-def: build and rename', () => {
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

describe('index-def: lookups', () => {
  const c = collectionWith(
    [
      'CREATE UNIQUE INDEX idx_slug ON posts (slug COLLATE NOCASE)',
      "CREATE UNIQUE INDEX idx_email ON posts (`email`) WHERE `email` != ''",
      'CREATE UNIQUE INDEX idx_pair ON posts (a, b)',
      'CREATE INDEX idx_title ON posts (title)',
    ],
    ['slug', 'email', 'a', 'b', 'title'],
  );

  it('finds single-column unique indexes (partial ones included)', () => {
    assert.equal(hasSingleColumnUniqueIndex(c, 'slug'), true);
    assert.equal(hasSingleColumnUniqueIndex(c, 'EMAIL'), true);
    assert.equal(hasSingleColumnUniqueIndex(c, 'a'), false);
    assert.equal(hasSingleColumnUniqueIndex(c, 'title'), false);
    assert.equal(findSingleColumnUniqueIndex(c.indexes, 'email')?.name, 'idx_email');
  });

  it('tells NOCASE unique indexes apart', () => {
    assert.equal(isNocaseUnique(c, 'slug'), true);
    assert.equal(isNocaseUnique(c, 'email'), false);
    assert.equal(isNocaseUnique(c, 'title'), false);
  });

  it('maps a unique violation back to field names', () => {
    assert.deepEqual(uniqueViolationFields(c, new UniqueViolation('posts', ['SLUG'], 'x')), ['slug']);
    assert.deepEqual(uniqueViolationFields(c, new UniqueViolation('posts', ['index:idx_pair'], 'x')), ['a', 'b']);
    assert.deepEqual(uniqueViolationFields(c, new UniqueViolation('posts', ['nope'], 'x')), []);
  });
});
