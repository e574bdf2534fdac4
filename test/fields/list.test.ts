import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fieldTypes, newField } from '../../src/core/fields/index.js';
import { coerceAndValidate, runValueCases, type ValueCase } from './support.js';

const single = { values: ['a', 'b', 'c'] };
const multi = { values: ['a', 'b', 'c'], maxSelect: 2 };

describe('select field', () => {
  it('coerces and validates per the scenario table', () => {
    const cases: ValueCase[] = [
      ['single string', single, 'a', 'a', null],
      ['single keeps the last item', single, ['a', 'b'], 'b', null],
      ['single keeps the last unique item', single, ['a', 'b', 'a'], 'b', null],
      ['single null', single, null, '', null],
      ['single empty list', single, [], '', null],
      ['single unknown value', single, 'x', 'x', 'validation_invalid_value'],
      ['single required', { ...single, required: true }, '', '', 'validation_required'],
      ['single from JSON-array string', single, '["a","c"]', 'c', null],
      ['multi list', multi, ['a', 'b'], ['a', 'b'], null],
      ['multi scalar', multi, 'a', ['a'], null],
      ['multi de-duplicates and drops empties', multi, ['a', '', 'a', 'b'], ['a', 'b'], null],
      ['multi JSON-array string', multi, '["b","a"]', ['b', 'a'], null],
      ['multi non-string JSON array stays one item', multi, '[1,2]', ['[1,2]'], 'validation_invalid_value'],
      ['multi numbers stringified', { values: ['1', '2'], maxSelect: 2 }, [1, 2], ['1', '2'], null],
      ['multi nested values dropped', multi, [['a'], { b: 1 }, 'c'], ['c'], null],
      ['multi object is empty', multi, { a: 1 }, [], null],
      ['multi too many', multi, ['a', 'b', 'c'], ['a', 'b', 'c'], 'validation_too_many_values'],
      ['multi unknown value', multi, ['a', 'x'], ['a', 'x'], 'validation_invalid_value'],
      ['multi required', { ...multi, required: true }, [], [], 'validation_required'],
    ];
    runValueCases('select', cases);
  });

  it('reports params for invalid values and counts', () => {
    assert.deepEqual(coerceAndValidate('select', multi, ['a', 'x']).error, {
      code: 'validation_invalid_value',
      message: 'Invalid value x.',
      params: { value: 'x' },
    });
    assert.deepEqual(coerceAndValidate('select', multi, ['a', 'b', 'c']).error?.params, { maxSelect: 2 });
  });

  it('applies append/prepend/remove modifiers', () => {
    const m = newField('select', 's', multi);
    const s = newField('select', 's', single);
    const modify = fieldTypes.select.modify;
    assert.ok(modify);
    assert.deepEqual(modify(m, ['a'], 'append', 'b'), ['a', 'b']);
    assert.deepEqual(modify(m, ['a'], 'append', ['a', 'c']), ['a', 'c']);
    assert.deepEqual(modify(m, ['a'], 'prepend', ['b']), ['b', 'a']);
    assert.deepEqual(modify(m, ['a', 'b'], 'remove', 'a'), ['b']);
    assert.deepEqual(modify(m, ['a', 'b'], 'remove', ['a', 'b', 'z']), []);
    assert.deepEqual(modify(m, '', 'append', ''), []);
    assert.equal(modify(s, 'a', 'append', 'b'), 'b');
    assert.equal(modify(s, 'a', 'prepend', 'b'), 'a');
    assert.equal(modify(s, 'a', 'remove', 'a'), '');
    assert.equal(modify(s, '', 'prepend', ['b', 'c']), 'c');
  });

  it('has zero values and storage per multiplicity', () => {
    const m = newField('select', 's', multi);
    const s = newField('select', 's', single);
    assert.deepEqual(fieldTypes.select.zero(m), []);
    assert.equal(fieldTypes.select.zero(s), '');
    assert.equal(fieldTypes.select.storage(m), 'json');
    assert.equal(fieldTypes.select.storage(s), 'text');
    assert.equal(fieldTypes.select.isEmpty(m, []), true);
    assert.equal(fieldTypes.select.isEmpty(s, 'a'), false);
  });
});

describe('relation field', () => {
  it('coerces and validates per the scenario table', () => {
    const one = { collectionId: 'pbc_users' };
    const many = { collectionId: 'pbc_users', maxSelect: 3 };
    const cases: ValueCase[] = [
      ['single id', one, 'u1', 'u1', null],
      ['single keeps last', one, ['u1', 'u2'], 'u2', null],
      ['single null', one, null, '', null],
      ['single required', { ...one, required: true }, null, '', 'validation_required'],
      ['multi list', many, ['u1', 'u2'], ['u1', 'u2'], null],
      ['multi de-duplicated', many, ['u1', 'u1', ''], ['u1'], null],
      ['multi too many', many, ['u1', 'u2', 'u3', 'u4'], ['u1', 'u2', 'u3', 'u4'], 'validation_too_many_values'],
      ['multi not enough', { ...many, minSelect: 2 }, ['u1'], ['u1'], 'validation_not_enough_values'],
      ['multi empty skips minSelect', { ...many, minSelect: 2 }, [], [], null],
      ['multi required', { ...many, required: true }, [], [], 'validation_required'],
    ];
    runValueCases('relation', cases);
    assert.deepEqual(coerceAndValidate('relation', { ...many, minSelect: 2 }, ['u1']).error?.params, { minSelect: 2 });
    assert.deepEqual(coerceAndValidate('relation', one, 'x').error, null);
  });

  it('applies modifiers like select', () => {
    const f = newField('relation', 'r', { collectionId: 'x', maxSelect: 5 });
    assert.deepEqual(fieldTypes.relation.modify?.(f, ['a', 'b'], 'remove', ['b']), ['a']);
    assert.deepEqual(fieldTypes.relation.modify?.(f, ['a'], 'prepend', 'z'), ['z', 'a']);
  });
});

describe('file field', () => {
  it('coerces and validates per the scenario table', () => {
    const cases: ValueCase[] = [
      ['single filename', {}, 'a.png', 'a.png', null],
      ['single keeps last', {}, ['a.png', 'b.png'], 'b.png', null],
      ['single empty', {}, null, '', null],
      ['single required', { required: true }, '', '', 'validation_required'],
      ['multi', { maxSelect: 2 }, ['a.png', 'b.png'], ['a.png', 'b.png'], null],
      ['multi too many', { maxSelect: 2 }, ['a', 'b', 'c'], ['a', 'b', 'c'], 'validation_too_many_files'],
      ['multi required', { maxSelect: 2, required: true }, [], [], 'validation_required'],
    ];
    runValueCases('file', cases);
    assert.deepEqual(coerceAndValidate('file', { maxSelect: 2 }, ['a', 'b', 'c']).error, {
      code: 'validation_too_many_files',
      message: 'The maximum allowed files is 2.',
      params: { maxSelect: 2 },
    });
  });

  it('removes files by name and raises the body limit by maxSize × maxSelect', () => {
    const f = newField('file', 'docs', { maxSelect: 3, maxSize: 100 });
    assert.deepEqual(fieldTypes.file.modify?.(f, ['a.png', 'b.png'], 'remove', 'a.png'), ['b.png']);
    assert.equal(fieldTypes.file.maxBodySize?.(f), 300);
    assert.equal(fieldTypes.file.maxBodySize?.(newField('file', 'one')), 5 * 1024 * 1024);
  });
});
