import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fieldTypes, newField } from '../../src/core/fields/index.js';
import { coerceAndValidate, runValueCases, type ValueCase, valueCtx } from './support.js';

describe('text field', () => {
  it('coerces and validates per the scenario table', () => {
    const cases: ValueCase[] = [
      ['string kept', {}, 'hello', 'hello', null],
      ['integer stringified', {}, 12, '12', null],
      ['float stringified', {}, -3.5, '-3.5', null],
      ['large float without exponent', {}, 1e21, '1000000000000000000000', null],
      ['small float without exponent', {}, 1e-7, '0.0000001', null],
      ['true stringified', {}, true, 'true', null],
      ['false stringified', {}, false, 'false', null],
      ['null is empty', {}, null, '', null],
      ['array is empty', {}, ['a'], '', null],
      ['object is empty', {}, { a: 1 }, '', null],
      ['required empty', { required: true }, '', '', 'validation_required'],
      ['required whitespace passes', { required: true }, ' ', ' ', null],
      ['empty skips min', { min: 3 }, '', '', null],
      ['too short', { min: 3 }, 'ab', 'ab', 'validation_min_text_constraint'],
      ['min counts code points', { min: 3 }, '😀😀😀', '😀😀😀', null],
      ['too long', { max: 3 }, 'abcd', 'abcd', 'validation_max_text_constraint'],
      ['max counts code points', { max: 2 }, 'éé', 'éé', null],
      ['default max 5000 ok', {}, 'a'.repeat(5000), 'a'.repeat(5000), null],
      ['default max 5000 exceeded', {}, 'a'.repeat(5001), 'a'.repeat(5001), 'validation_max_text_constraint'],
      ['pattern ok', { pattern: '^[a-z]+$' }, 'abc', 'abc', null],
      ['pattern mismatch', { pattern: '^[a-z]+$' }, 'ab1', 'ab1', 'validation_invalid_format'],
      ['pattern unanchored', { pattern: '[0-9]' }, 'ab1', 'ab1', null],
      ['length checked before pattern', { pattern: '^x$', max: 2 }, 'abc', 'abc', 'validation_max_text_constraint'],
      ['go inline flag', { pattern: '(?i)^abc$' }, 'ABC', 'ABC', null],
      ['posix class', { pattern: '^[[:alpha:]]+$' }, 'abZ', 'abZ', null],
      ['posix class mismatch', { pattern: '^[[:digit:]]+$' }, 'ab', 'ab', 'validation_invalid_format'],
      ['unicode class', { pattern: '^\\pL+$' }, 'héllo', 'héllo', null],
      ['script class', { pattern: '^\\p{Greek}+$' }, 'αβγ', 'αβγ', null],
      ['\\z anchor', { pattern: '^a\\z' }, 'a', 'a', null],
    ];
    runValueCases('text', cases);
  });

  it('reports min/max params and messages', () => {
    const short = coerceAndValidate('text', { min: 3 }, 'ab').error;
    assert.deepEqual(short, {
      code: 'validation_min_text_constraint',
      message: 'Must be at least 3 character(s).',
      params: { min: 3 },
    });
    const long = coerceAndValidate('text', {}, 'a'.repeat(5001)).error;
    assert.deepEqual(long?.params, { max: 5000 });
  });

  it('treats the primary key as required and validates it as text', () => {
    const id = newField('text', 'id', {
      primaryKey: true,
      required: true,
      min: 15,
      max: 15,
      pattern: '^[a-z0-9]+$',
      autogeneratePattern: '[a-z0-9]{15}',
    });
    const t = fieldTypes.text;
    assert.equal(t.validate({ ...id, required: false }, '', valueCtx)?.code, 'validation_required');
    assert.equal(t.validate(id, 'abc', valueCtx)?.code, 'validation_min_text_constraint');
    assert.equal(t.validate(id, 'ABCDEFGHIJKLMNO', valueCtx)?.code, 'validation_invalid_format');
    assert.equal(t.validate(id, 'abcdefghijklmno', valueCtx), null);
  });

  it('rejects values of the wrong app type instead of throwing', () => {
    const f = newField('text', 'f');
    assert.equal(fieldTypes.text.validate(f, 5, valueCtx)?.code, 'validation_unsupported_value_type');
    assert.equal(fieldTypes.text.isEmpty(f, ''), true);
    assert.equal(fieldTypes.text.isEmpty(f, 'x'), false);
    assert.equal(fieldTypes.text.modify, undefined);
  });
});

describe('editor field', () => {
  it('coerces and validates per the scenario table', () => {
    const cases: ValueCase[] = [
      ['html kept', {}, '<p>Hi</p>', '<p>Hi</p>', null],
      ['number stringified', {}, 5, '5', null],
      ['null empty', {}, null, '', null],
      ['required', { required: true }, '', '', 'validation_required'],
      ['within maxSize bytes', { maxSize: 4 }, 'abcd', 'abcd', null],
      ['maxSize counts bytes', { maxSize: 4 }, 'ééé', 'ééé', 'validation_content_size_limit'],
    ];
    runValueCases('editor', cases);
  });

  it('defaults the size limit to 5 MiB', () => {
    const big = 'a'.repeat(5 * 1024 * 1024 + 1);
    const err = coerceAndValidate('editor', {}, big).error;
    assert.deepEqual(err?.params, { maxSize: 5 * 1024 * 1024 });
    assert.equal(coerceAndValidate('editor', {}, big.slice(1)).error, null);
    assert.equal(fieldTypes.editor.maxBodySize?.(newField('editor', 'e')), 5 * 1024 * 1024);
  });
});

describe('password field', () => {
  it('keeps the plain string and validates it', () => {
    const cases: ValueCase[] = [
      ['plain kept', {}, 'secret123', 'secret123', null],
      ['number stringified', {}, 1234, '1234', null],
      ['required empty', { required: true }, '', '', 'validation_required'],
      ['null empty', { required: true }, null, '', 'validation_required'],
      ['too short', { min: 8 }, 'short', 'short', 'validation_min_text_constraint'],
      ['default max 71 ok', {}, 'a'.repeat(71), 'a'.repeat(71), null],
      ['default max 71 exceeded', {}, 'a'.repeat(72), 'a'.repeat(72), 'validation_max_text_constraint'],
      ['custom max', { max: 10 }, 'a'.repeat(11), 'a'.repeat(11), 'validation_max_text_constraint'],
      ['pattern', { pattern: '[0-9]' }, 'abcdefgh', 'abcdefgh', 'validation_invalid_format'],
    ];
    runValueCases('password', cases);
  });

  it('uses the "less than" max message', () => {
    const err = coerceAndValidate('password', {}, 'a'.repeat(72)).error;
    assert.equal(err?.message, 'Must be less than 71 character(s).');
    assert.deepEqual(err?.params, { max: 71 });
  });

  it('accepts {plain, hash}: a stored hash satisfies required', () => {
    const f = newField('password', 'password', { required: true, min: 8 });
    const p = fieldTypes.password;
    assert.equal(p.validate(f, { plain: '', hash: '$2a$10$x' }, valueCtx), null);
    assert.equal(p.validate(f, { plain: '', hash: '' }, valueCtx)?.code, 'validation_required');
    assert.equal(p.validate(f, { plain: 'short', hash: '$2a' }, valueCtx)?.code, 'validation_min_text_constraint');
    assert.equal(p.validate(f, 42, valueCtx)?.code, 'validation_unsupported_value_type');
    assert.equal(p.isEmpty(f, { hash: '$2a$10$x' }), false);
    assert.equal(p.isEmpty(f, ''), true);
  });
});
