import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fieldTypes, newField } from '../../src/core/fields/index.js';
import { coerceAndValidate, runValueCases, type ValueCase } from './support.js';

describe('number field', () => {
  it('coerces and validates per the scenario table', () => {
    const cases: ValueCase[] = [
      ['number kept', {}, 12.5, 12.5, null],
      ['numeric string', {}, '42', 42, null],
      ['negative float string', {}, '-3.5', -3.5, null],
      ['exponent string', {}, '1e3', 1000, null],
      ['leading dot', {}, '.5', 0.5, null],
      ['true', {}, true, 1, null],
      ['false', {}, false, 0, null],
      ['null', {}, null, 0, null],
      ['empty string', {}, '', 0, null],
      ['unparsable string', {}, 'abc', 0, null],
      ['hex string is not a float', {}, '0x10', 0, null],
      ['padded string is not a float', {}, ' 5', 0, null],
      ['overflowing string', {}, '1e400', 0, null],
      ['array', {}, [1], 0, null],
      ['object', {}, { a: 1 }, 0, null],
      ['NaN string', {}, 'NaN', Number.NaN, 'validation_not_a_number'],
      ['Inf string', {}, 'Inf', Number.POSITIVE_INFINITY, 'validation_not_a_number'],
      ['Infinity string', {}, 'Infinity', Number.POSITIVE_INFINITY, 'validation_not_a_number'],
      ['-Inf string', {}, '-Inf', Number.NEGATIVE_INFINITY, 'validation_not_a_number'],
      ['zero fails required', { required: true }, 0, 0, 'validation_required'],
      ['zero skips min', { min: 5 }, 0, 0, null],
      ['below min', { min: 5 }, 3, 3, 'validation_min_number_constraint'],
      ['at min', { min: 5 }, 5, 5, null],
      ['above max', { max: 100 }, 101, 101, 'validation_max_number_constraint'],
      ['only int ok', { onlyInt: true }, 3, 3, null],
      ['only int violated', { onlyInt: true }, 3.5, 3.5, 'validation_only_int_constraint'],
      ['only int before min', { onlyInt: true, min: 5 }, 3.5, 3.5, 'validation_only_int_constraint'],
    ];
    runValueCases('number', cases);
  });

  it('prints min/max with six decimals and no params', () => {
    assert.deepEqual(coerceAndValidate('number', { min: 5 }, 3).error, {
      code: 'validation_min_number_constraint',
      message: 'Must be larger than 5.000000.',
    });
    assert.equal(coerceAndValidate('number', { max: 100 }, 101).error?.message, 'Must be less than 100.000000.');
  });

  it('applies modifiers: append adds, remove subtracts', () => {
    const f = newField('number', 'n');
    const modify = fieldTypes.number.modify;
    assert.ok(modify);
    assert.equal(modify(f, 10, 'append', 5), 15);
    assert.equal(modify(f, 10, 'append', '2.5'), 12.5);
    assert.equal(modify(f, 10, 'remove', '3'), 7);
    assert.equal(modify(f, 10, 'remove', 'abc'), 10);
    assert.equal(modify(f, null, 'append', true), 1);
    assert.equal(modify(f, 10, 'prepend', 5), 10);
  });

  it('has 0 as zero value and empty value', () => {
    const f = newField('number', 'n');
    assert.equal(fieldTypes.number.zero(f), 0);
    assert.equal(fieldTypes.number.isEmpty(f, 0), true);
    assert.equal(fieldTypes.number.isEmpty(f, -1), false);
    assert.equal(
      fieldTypes.number.validate(f, '5', { collection: {} as never, isNew: true })?.code,
      'validation_unsupported_value_type',
    );
  });
});

describe('bool field', () => {
  it('coerces and validates per the scenario table', () => {
    const cases: ValueCase[] = [
      ['true', {}, true, true, null],
      ['false', {}, false, false, null],
      ['non-zero number', {}, 2, true, null],
      ['negative number', {}, -1, true, null],
      ['zero', {}, 0, false, null],
      ['"1"', {}, '1', true, null],
      ['"t"', {}, 't', true, null],
      ['"T"', {}, 'T', true, null],
      ['"true"', {}, 'true', true, null],
      ['"TRUE"', {}, 'TRUE', true, null],
      ['"True"', {}, 'True', true, null],
      ['"tRUE" is false', {}, 'tRUE', false, null],
      ['"on" is false', {}, 'on', false, null],
      ['"yes" is false', {}, 'yes', false, null],
      ['"0"', {}, '0', false, null],
      ['null', {}, null, false, null],
      ['array', {}, [true], false, null],
      ['object', {}, { a: true }, false, null],
      ['required false', { required: true }, false, false, 'validation_required'],
      ['required true', { required: true }, 'true', true, null],
    ];
    runValueCases('bool', cases);
  });

  it('has false as zero value', () => {
    const f = newField('bool', 'b');
    assert.equal(fieldTypes.bool.zero(f), false);
    assert.equal(fieldTypes.bool.isEmpty(f, false), true);
    assert.equal(fieldTypes.bool.isEmpty(f, true), false);
  });
});
