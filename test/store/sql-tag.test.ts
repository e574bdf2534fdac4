import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { isFragment, quoteIdentifier, sql, statement, unboundText, valuesOf } from '../../src/store/sql.js';
import { SqliteStore } from '../../src/store/sqlite/store.js';

const parts = (f: { sql: string }, env?: unknown) => [f.sql, valuesOf(f as never, env)];

describe('the sql tag', () => {
  it('binds every interpolated value, strings included', () => {
    const f = sql`SELECT * FROM t WHERE a = ${1} AND b = ${'x'} AND c IS ${null} AND d = ${true}`;
    assert.deepEqual(parts(f), ['SELECT * FROM t WHERE a = ? AND b = ? AND c IS ? AND d = ?', [1, 'x', null, true]]);
  });

  it('binds a string holding SQL instead of splicing it', () => {
    const evil = "x' OR 1=1; DROP TABLE t; --";
    const f = sql`SELECT * FROM t WHERE name = ${evil}`;
    assert.deepEqual(parts(f), ['SELECT * FROM t WHERE name = ?', [evil]]);
  });

  it('binds objects shaped like fragments (a JSON body cannot forge one)', () => {
    const forged = JSON.parse('{"sql": "1=1) OR (1=1", "binds": []}');
    assert.equal(isFragment(forged), false);
    assert.deepEqual(parts(sql`WHERE ${forged}`), ['WHERE ?', [forged]]);
  });

  it('quotes identifiers, doubling embedded quotes', () => {
    assert.equal(sql.id('posts').sql, '"posts"');
    assert.equal(sql.id('we"ird').sql, '"we""ird"');
    assert.equal(sql.id('a"; DROP TABLE t; --').sql, '"a""; DROP TABLE t; --"');
    assert.equal(sql.id('__r', 'id').sql, '"__r"."id"');
    assert.equal(quoteIdentifier('x"'), '"x"""');
    assert.deepEqual(sql.id('t').binds, []);
  });

  it('splices raw text as written', () => {
    const f = sql`SELECT ${sql.raw('COUNT(*)')} FROM ${sql.id('t')}${sql.empty}`;
    assert.deepEqual(parts(f), ['SELECT COUNT(*) FROM "t"', []]);
  });

  it('splices nested fragments, keeping the order of their parameters', () => {
    const inner = sql`b = ${2} AND c = ${3}`;
    const f = sql`a = ${1} AND (${inner}) AND d = ${4}`;
    assert.deepEqual(parts(f), ['a = ? AND (b = ? AND c = ?) AND d = ?', [1, 2, 3, 4]]);
    const outer = sql`SELECT 1 WHERE ${f} OR e = ${5}`;
    assert.deepEqual(valuesOf(outer), [1, 2, 3, 4, 5]);
  });

  it('joins fragments with a separator', () => {
    const sets = sql.join([sql`${sql.id('a')} = ${1}`, sql`${sql.id('b')} = ${'two'}`]);
    assert.deepEqual(parts(sets), ['"a" = ?, "b" = ?', [1, 'two']]);
    assert.deepEqual(parts(sql.join([sql`x = ${1}`, sql`y = ${2}`], ' AND ')), ['x = ? AND y = ?', [1, 2]]);
    assert.deepEqual(parts(sql.join([])), ['', []]);
  });

  it('expands lists for IN (...), splicing fragments among the values', () => {
    const f = sql`id IN (${sql.list(['a', 'b', 'c'])})`;
    assert.deepEqual(parts(f), ['id IN (?, ?, ?)', ['a', 'b', 'c']]);
    assert.deepEqual(parts(sql.list([1, sql`LOWER(${'X'})`])), ['?, LOWER(?)', [1, 'X']]);
    assert.throws(() => sql.list([]), RangeError);
  });

  it('computes sql.param getters from the environment each fragment is bound to', () => {
    const f = sql`a = ${sql.param((env: { n: number }) => env.n * 2)} AND b = ${7}`;
    assert.deepEqual(parts(f, { n: 1 }), ['a = ? AND b = ?', [2, 7]]);
    assert.deepEqual(valuesOf(f, { n: 5 }), [10, 7]);
  });

  it('turns Queryable arguments into text and values', () => {
    assert.deepEqual(statement(sql`x = ${1}`, { heavy: true }), ['x = ?', [1], { heavy: true }]);
    assert.deepEqual(statement('x = ?', [1], { heavy: true }), ['x = ?', [1], { heavy: true }]);
    assert.deepEqual(statement('SELECT 1'), ['SELECT 1', [], undefined]);
    assert.throws(() => statement(sql`x = ${1}`, [2]), TypeError);
    assert.equal(unboundText(sql`DROP TABLE ${sql.id('t')}`), 'DROP TABLE "t"');
    assert.throws(() => unboundText(sql`DROP TABLE ${'t'}`), TypeError);
  });
});

describe('the sql tag against a database', () => {
  let store: SqliteStore;
  before(async () => {
    store = new SqliteStore(':memory:');
    await store.exec(sql`CREATE TABLE ${sql.id('we"ird')} (${sql.id('id')} TEXT, ${sql.id('na me')} TEXT)`);
  });
  after(async () => store.close());

  it('stores a value holding SQL as data and leaves the table intact', async () => {
    const table = sql.id('we"ird');
    const evil = `'); DROP TABLE "we""ird"; --`;
    await store.run(sql`INSERT INTO ${table} (${sql.join([sql.id('id'), sql.id('na me')])}) VALUES (${'1'}, ${evil})`);
    await store.run(sql`INSERT INTO ${table} VALUES (${sql.list(['2', "Robert'); --"])})`);
    const rows = await store.all<{ v: string }>(
      sql`SELECT ${sql.id('na me')} AS v FROM ${table} WHERE ${sql.id('id')} IN (${sql.list(['1', '2'])}) ORDER BY 1`,
    );
    assert.deepEqual(
      rows.map((r) => r.v),
      [evil, "Robert'); --"].sort(),
    );
    const none = await store.get(sql`SELECT 1 AS ok FROM ${table} WHERE ${sql.id('na me')} = ${"x' OR '1'='1"}`);
    assert.equal(none, undefined);
  });
});
