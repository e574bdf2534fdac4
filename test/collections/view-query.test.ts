import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Catalog } from '../../src/core/collections/catalog.js';
import { makeField, newCollection } from '../../src/core/collections/scaffolds.js';
import { parseSelect, stripComments } from '../../src/core/collections/view-query.js';
import { checkViewQuery, ViewQueryError, viewFieldsFrom } from '../../src/core/collections/view-schema.js';

describe('view query reader', () => {
  it('reads select items with and without aliases', () => {
    const p = parseSelect(
      'SELECT DISTINCT p.id, p.title AS "Heading", count(c.id) total, CAST(p.views AS REAL) AS score, (SELECT 1) one FROM posts p',
    );
    assert.deepEqual(p.items, [
      { expr: 'p.id', alias: '' },
      { expr: 'p.title', alias: 'Heading' },
      { expr: 'count(c.id)', alias: 'total' },
      { expr: 'CAST(p.views AS REAL)', alias: 'score' },
      { expr: '(SELECT 1)', alias: 'one' },
    ]);
  });

  it('reads FROM and JOIN tables with their aliases, ignoring ON clauses and the rest', () => {
    const p = parseSelect(
      "SELECT p.id FROM posts AS p LEFT JOIN comments c ON c.post = p.id INNER JOIN `users` ON users.id = p.owner, tags WHERE p.id != '' GROUP BY p.id ORDER BY p.id LIMIT 5",
    );
    assert.deepEqual(p.tables, [
      { name: 'posts', alias: 'p' },
      { name: 'comments', alias: 'c' },
      { name: 'users', alias: 'users' },
      { name: 'tags', alias: 'tags' },
    ]);
  });

  it('strips comments outside of quotes', () => {
    assert.equal(stripComments("SELECT '--x' -- note\n, 1 /* c */").replace(/\s+/g, ' '), "SELECT '--x' , 1 ");
  });

  it('rejects several statements, non-SELECT statements and wildcards', () => {
    assert.throws(() => parseSelect('SELECT 1; SELECT 2'), ViewQueryError);
    assert.throws(() => parseSelect('UPDATE posts SET a = 1'), ViewQueryError);
    assert.throws(() => parseSelect('SELECT (1'), ViewQueryError);
    assert.throws(() => checkViewQuery('SELECT * FROM posts'), ViewQueryError);
    assert.throws(() => checkViewQuery('SELECT p.* FROM posts p'), ViewQueryError);
    assert.doesNotThrow(() => checkViewQuery('SELECT count(*) AS id FROM posts;'));
  });
});

describe('view field inference (§3.7)', () => {
  const posts = newCollection('base', 'posts');
  posts.fields.push(
    makeField('text', 'title', { max: 80 }),
    makeField('select', 'tags', { values: ['a'], maxSelect: 3 }),
    makeField('number', 'views'),
  );
  const catalog = new Catalog([posts]);
  const infer = (query: string, names: string[]) =>
    viewFieldsFrom(
      query,
      names.map((name) => ({ name, type: '' })),
      catalog,
    );

  it('maps columns to field types', () => {
    const fields = infer(
      'SELECT p.id, p.title, tags AS labels, count(p.id) AS n, total(p.views) AS t, CAST(p.views AS INTEGER) AS i, CAST(p.views AS TEXT) AS s, CAST(1 AS BOOLEAN) AS b, p.id AS ref, 1 + 1 AS j FROM posts p',
      ['id', 'title', 'labels', 'n', 't', 'i', 's', 'b', 'ref', 'j'],
    );
    const byName = Object.fromEntries(fields.map((f) => [f.name, f]));
    assert.equal(byName.id?.type, 'text');
    assert.equal(byName.id?.primaryKey, true);
    assert.equal(byName.title?.type, 'text');
    assert.equal(byName.title?.max, 80);
    assert.equal(byName.labels?.type, 'select');
    assert.equal(byName.labels?.maxSelect, 3);
    assert.deepEqual([byName.n?.type, byName.n?.onlyInt], ['number', true]);
    assert.deepEqual([byName.t?.type, byName.t?.onlyInt], ['number', false]);
    assert.deepEqual([byName.i?.type, byName.i?.onlyInt], ['number', true]);
    assert.equal(byName.s?.type, 'text');
    assert.equal(byName.b?.type, 'bool');
    assert.deepEqual([byName.ref?.type, byName.ref?.collectionId, byName.ref?.maxSelect], ['relation', posts.id, 1]);
    assert.equal(byName.j?.type, 'json');
    assert.equal(new Set(fields.map((f) => f.id)).size, fields.length);
  });

  it('requires an id column', () => {
    assert.throws(() => infer('SELECT title FROM posts', ['title']), /missing required id column/);
  });
});
