import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { FilterSyntaxError, isValidIdentifier, parseIdentifier, parseSortList } from '../../src/rules/index.js';
import { assertSyntaxError } from './helpers.js';

describe('parseSortList', () => {
  const table: Array<[string, Array<[string, boolean]>]> = [
    [
      '-created,title,+id',
      [
        ['created', true],
        ['title', false],
        ['id', false],
      ],
    ],
    [
      '  -created ,  title:lower ',
      [
        ['created', true],
        ['title:lower', false],
      ],
    ],
    ['@random', [['@random', false]]],
    ['-@rowid', [['@rowid', true]]],
    [
      'author.name,-comments_via_post.text',
      [
        ['author.name', false],
        ['comments_via_post.text', true],
      ],
    ],
    ['\t-tags:length\n', [['tags:length', true]]],
    ['a,b,c,d,e,f,g,h', 'abcdefgh'.split('').map((f) => [f, false])],
  ];
  for (const [input, expected] of table) {
    it(JSON.stringify(input), () => {
      const items = parseSortList(input);
      assert.deepEqual(
        items.map((i) => [i.field, i.desc]),
        expected,
      );
      assert.ok(Object.isFrozen(items));
      for (const item of items) assert.ok(Object.isFrozen(item));
    });
  }

  const errors: Array<[string, string, number]> = [
    ['', "invalid sort field ''", 0],
    ['a,,b', "invalid sort field ''", 2],
    ['a,', "invalid sort field ''", 2],
    ['a, -', "invalid sort field ''", 4],
    ['- created', "invalid sort field ' created'", 1],
    ['--a', "invalid sort field '-a'", 1],
    ['+-a', "invalid sort field '-a'", 1],
    ['title, a b', "invalid sort field 'a b'", 7],
    ["'a'", "invalid sort field ''a''", 0],
    ['1a', "invalid sort field '1a'", 0],
    ['a.', "invalid sort field 'a.'", 0],
    ['@', "invalid sort field '@'", 0],
    ['a..b', "invalid sort field 'a..b'", 0],
    ['a,b,c,d,e,f,g,h,i', 'more than 8 sort fields', 16],
    ['a,b,c,d,e,f,g,h,', 'more than 8 sort fields', 16],
  ];
  for (const [input, reason, position] of errors) {
    it(`rejects ${JSON.stringify(input)}`, () => assertSyntaxError(() => parseSortList(input), reason, position));
  }

  it('limits each field name to 255 characters, prefix not counted', () => {
    const name = `a${'b'.repeat(254)}`;
    assert.deepEqual(
      parseSortList(`-${name}`).map((i) => i.field),
      [name],
    );
    assertSyntaxError(() => parseSortList(`x, -${name}c`), 'sort field longer than 255 characters', 4);
  });
});

describe('parseIdentifier', () => {
  it('splits path and modifier', () => {
    const ident = parseIdentifier('@request.body.tags:each');
    assert.deepEqual(
      { ...ident, path: [...ident.path] },
      {
        kind: 'ident',
        name: '@request.body.tags:each',
        path: ['@request', 'body', 'tags'],
        modifier: 'each',
        pos: 0,
      },
    );
    assert.ok(Object.isFrozen(ident) && Object.isFrozen(ident.path));
  });

  it('keeps alias colons of earlier segments and takes the given position', () => {
    const ident = parseIdentifier('@collection.users:u.email:lower', 7);
    assert.deepEqual([...ident.path], ['@collection', 'users:u', 'email']);
    assert.equal(ident.modifier, 'lower');
    assert.equal(ident.pos, 7);
  });

  it('leaves true, false and null as identifiers', () => {
    assert.equal(parseIdentifier('true').kind, 'ident');
    assert.equal(parseIdentifier('NULL').modifier, null);
  });

  for (const bad of ['', 'a.', 'a:', '@', '_', '#', 'a b', 'a..b', '1a', '-a', 'a-b', '.a', ':a', 'é']) {
    it(`rejects ${JSON.stringify(bad)}`, () => {
      assert.equal(isValidIdentifier(bad), false);
      assert.throws(
        () => parseIdentifier(bad, 3),
        (e) => e instanceof FilterSyntaxError && e.position === 3,
      );
    });
  }

  for (const good of ['a', '_a', '@a', '#a', 'A1', '@_', 'a.b.c', 'a:b', 'a.b:c.d', 'x_via_y.z']) {
    it(`accepts ${good}`, () => assert.equal(isValidIdentifier(good), true));
  }
});
