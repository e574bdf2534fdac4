import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Field } from '../../src/core/collection.js';
import { fieldTypes, newField } from '../../src/core/fields/index.js';
import { collection, INVALID, MAX, MIN, optionCodes, optionsCtx, runOptionCases, validateOptions } from './support.js';

describe('text options', () => {
  it('validates per the scenario table', () => {
    runOptionCases('text', [
      ['defaults', {}, {}],
      ['negative min', { min: -1 }, { min: MIN }],
      ['max below min', { min: 5, max: 3 }, { max: MIN }],
      ['max 0 with min', { min: 5, max: 0 }, {}],
      ['min as numeric string', { min: '5' }, {}],
      ['min not a number', { min: 'abc' }, { min: INVALID }],
      ['min not an integer', { min: 1.5 }, { min: INVALID }],
      ['invalid pattern', { pattern: '(' }, { pattern: 'validation_invalid_regex' }],
      [
        'invalid autogenerate pattern',
        { autogeneratePattern: '[a-' },
        { autogeneratePattern: 'validation_invalid_regex' },
      ],
      ['go-only syntax compiles', { pattern: '(?i)^(?P<x>[[:alpha:]]+)\\z' }, {}],
      ['required as string', { required: 'true' }, {}],
      ['required wrong type', { required: { a: 1 } }, { required: INVALID }],
      ['pattern wrong type', { pattern: ['x'] }, { pattern: INVALID }],
      [
        'primary key rules',
        { name: 'key', primaryKey: true, hidden: true },
        {
          name: 'validation_in_invalid',
          pattern: 'validation_required',
          hidden: 'validation_empty',
          required: 'validation_required',
        },
      ],
      ['valid primary key', { name: 'id', primaryKey: true, required: true, pattern: '^[a-z]+$' }, {}],
    ]);
  });

  it('normalises option values in place', () => {
    const { field } = validateOptions('text', { min: '5', required: 'true', pattern: 12, max: null });
    assert.equal(field.min, 5);
    assert.equal(field.max, 0);
    assert.equal(field.required, true);
    assert.equal(field.pattern, '12');
  });

  it('fills missing options with defaults', () => {
    const field = { id: 'x', name: 'title', type: 'text', system: false, hidden: false, presentable: false } as Field;
    assert.deepEqual(fieldTypes.text.validateOptions(field, optionsCtx()), {});
    assert.deepEqual(
      {
        min: field.min,
        max: field.max,
        pattern: field.pattern,
        required: field.required,
        primaryKey: field.primaryKey,
      },
      { min: 0, max: 0, pattern: '', required: false, primaryKey: false },
    );
  });

  it('rejects a second primary key', () => {
    const first = newField('text', 'id', { primaryKey: true, required: true, pattern: 'x' });
    const second = newField('text', 'id', { primaryKey: true, required: true, pattern: 'x' });
    const ctx = optionsCtx([], collection({ fields: [first, second] }));
    assert.deepEqual(optionCodes(fieldTypes.text.validateOptions(second, ctx)), {
      primaryKey: 'validation_unsupported_composite_pk',
    });
  });
});

describe('number options', () => {
  it('validates per the scenario table', () => {
    runOptionCases('number', [
      ['defaults', {}, {}],
      ['min and max', { min: 1, max: 10 }, {}],
      ['max below min', { min: 10, max: 1 }, { max: MIN }],
      ['equal bounds', { min: 5, max: 5 }, {}],
      ['numeric strings', { min: '1.5', max: '2' }, {}],
      ['not a number', { min: 'x' }, { min: INVALID }],
      [
        'only int with decimal bounds',
        { onlyInt: true, min: 1.5, max: 2.5 },
        { min: 'validation_only_int_constraint', max: 'validation_only_int_constraint' },
      ],
      ['only int with integer bounds', { onlyInt: true, min: 1, max: 2 }, {}],
    ]);
    assert.equal(validateOptions('number', { min: '1.5' }).field.min, 1.5);
    assert.equal(validateOptions('number', { min: '' }).field.min, null);
  });
});

describe('password options', () => {
  it('validates per the scenario table', () => {
    runOptionCases('password', [
      ['defaults', {}, {}],
      ['min 8', { min: 8 }, {}],
      ['min above 71', { min: 72 }, { min: MAX }],
      ['negative min', { min: -1 }, { min: MIN }],
      ['max above 71', { max: 72 }, { max: MAX }],
      ['max below min', { min: 8, max: 5 }, { max: MIN }],
      ['cost below 4', { cost: 3 }, { cost: MIN }],
      ['cost above 31', { cost: 32 }, { cost: MAX }],
      ['cost bounds', { cost: 4 }, {}],
      ['invalid pattern', { pattern: '[' }, { pattern: 'validation_invalid_regex' }],
    ]);
  });
});
