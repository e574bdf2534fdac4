import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Collection } from '../../src/core/collection.js';
import {
  findSingleColumnUniqueIndex,
  hasSingleColumnUniqueIndex,
  uniqueViolationFields,
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

  it('maps a unique violation back to field names', () => {
    assert.deepEqual(uniqueViolationFields(c, new UniqueViolation('posts', ['SLUG'], 'x')), ['slug']);
    assert.deepEqual(uniqueViolationFields(c, new UniqueViolation('posts', ['index:idx_pair'], 'x')), ['a', 'b']);
    assert.deepEqual(uniqueViolationFields(c, new UniqueViolation('posts', ['nope'], 'x')), []);
  });
});
