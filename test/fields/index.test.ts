import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { FieldTypeName } from '../../src/core/collection.js';
import { compilePattern, fieldTypes, getFieldType, newField } from '../../src/core/fields/index.js';

const DEFAULTS: Record<FieldTypeName, Record<string, unknown>> = {
  text: { min: 0, max: 0, pattern: '', autogeneratePattern: '', required: false, primaryKey: false },
  editor: { maxSize: 0, convertURLs: false, required: false },
  number: { min: null, max: null, onlyInt: false, required: false },
  bool: { required: false },
  email: { exceptDomains: null, onlyDomains: null, required: false },
  url: { exceptDomains: null, onlyDomains: null, required: false },
  date: { min: '', max: '', required: false },
  autodate: { onCreate: true, onUpdate: false },
  select: { values: [], maxSelect: 0, required: false },
  file: { maxSize: 0, maxSelect: 0, mimeTypes: [], thumbs: [], protected: false, required: false },
  relation: { collectionId: '', cascadeDelete: false, minSelect: 0, maxSelect: 0, required: false },
  json: { maxSize: 0, required: false },
  geoPoint: { required: false },
  password: { min: 0, max: 0, pattern: '', cost: 0, required: false },
};

const STORAGE: Array<[FieldTypeName, Record<string, unknown>, string, unknown]> = [
  ['text', {}, 'text', ''],
  ['editor', {}, 'text', ''],
  ['number', {}, 'number', 0],
  ['bool', {}, 'bool', false],
  ['email', {}, 'text', ''],
  ['url', {}, 'text', ''],
  ['date', {}, 'text', ''],
  ['autodate', {}, 'text', ''],
  ['password', {}, 'text', ''],
  ['select', { maxSelect: 1 }, 'text', ''],
  ['select', { maxSelect: 2 }, 'json', []],
  ['relation', {}, 'text', ''],
  ['relation', { maxSelect: 5 }, 'json', []],
  ['file', {}, 'text', ''],
  ['file', { maxSelect: 99 }, 'json', []],
  ['json', {}, 'json', null],
  ['geoPoint', {}, 'json', { lon: 0, lat: 0 }],
];

describe('field type registry', () => {
  it('registers all 14 types under their names', () => {
    assert.deepEqual(Object.keys(fieldTypes).sort(), Object.keys(DEFAULTS).sort());
    for (const [name, ft] of Object.entries(fieldTypes)) assert.equal(ft.name, name);
    assert.equal(getFieldType('text'), fieldTypes.text);
    assert.equal(getFieldType('nope'), undefined);
    assert.equal(getFieldType('constructor'), undefined);
  });

  it('returns exactly the API option keys as defaults, fresh each call', () => {
    for (const [name, expected] of Object.entries(DEFAULTS)) {
      assert.deepEqual(fieldTypes[name as FieldTypeName].defaults(), expected, name);
    }
    const a = fieldTypes.select.defaults();
    (a.values as string[]).push('x');
    assert.deepEqual(fieldTypes.select.defaults().values, []);
  });

  it('maps storage kinds and zero values', () => {
    for (const [type, options, storage, zero] of STORAGE) {
      const f = newField(type, 'f', options);
      assert.equal(fieldTypes[type].storage(f), storage, `${type} ${JSON.stringify(options)}`);
      assert.deepEqual(fieldTypes[type].zero(f), zero, `${type} zero`);
    }
  });

  it('offers modifiers only for number, select, relation and file', () => {
    const withModify = Object.values(fieldTypes)
      .filter((ft) => ft.modify)
      .map((ft) => ft.name)
      .sort();
    assert.deepEqual(withModify, ['file', 'number', 'relation', 'select']);
  });
});

describe('newField', () => {
  it('builds a complete field with defaults', () => {
    assert.deepEqual(newField('select', 'tags'), {
      id: '',
      name: 'tags',
      type: 'select',
      system: false,
      hidden: false,
      presentable: false,
      values: [],
      maxSelect: 0,
      required: false,
    });
  });

  it('overlays known options and drops unknown keys', () => {
    const f = newField('number', 'views', {
      id: 'number123',
      hidden: true,
      min: 1,
      onlyInt: true,
      bogus: 1,
      type: 'text',
    });
    assert.deepEqual(f, {
      id: 'number123',
      name: 'views',
      type: 'number',
      system: false,
      hidden: true,
      presentable: false,
      min: 1,
      max: null,
      onlyInt: true,
      required: false,
    });
  });
});

describe('pattern compilation', () => {
  it('compiles RE2-style patterns and reports invalid ones', () => {
    for (const p of [
      '^[a-z0-9]+$',
      '(?i)abc',
      '(?s)a.b',
      '\\Aabc\\z',
      '(?P<word>\\w+)',
      '[[:upper:]]',
      '\\p{Greek}',
      '\\pL',
      '[]a]',
    ]) {
      assert.ok(compilePattern(p) instanceof RegExp, p);
    }
    for (const p of ['(', '[a-', '*a', 'a{2,1}']) assert.equal(typeof compilePattern(p), 'string', p);
  });
});
