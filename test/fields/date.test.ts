import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fieldTypes, newField, toDateString } from '../../src/core/fields/index.js';
import { coerceAndValidate, runValueCases, type ValueCase, valueCtx } from './support.js';

describe('date parsing', () => {
  const table: Array<[input: unknown, out: string]> = [
    ['2024-01-02 03:04:05.678Z', '2024-01-02 03:04:05.678Z'],
    ['2024-01-02', '2024-01-02 00:00:00.000Z'],
    ['2024-01-02T03:04:05Z', '2024-01-02 03:04:05.000Z'],
    ['2024-01-02T03:04:05.1Z', '2024-01-02 03:04:05.100Z'],
    ['2024-01-02T03:04:05.123456789Z', '2024-01-02 03:04:05.123Z'],
    ['2024-01-02T03:04:05+02:00', '2024-01-02 01:04:05.000Z'],
    ['2024-01-02T03:04:05-0130', '2024-01-02 04:34:05.000Z'],
    ['2024-01-02T03:04:05', '2024-01-02 03:04:05.000Z'],
    ['2024-01-02 03:04:05', '2024-01-02 03:04:05.000Z'],
    ['2024-01-02 03:04:05 +01:00', '2024-01-02 02:04:05.000Z'],
    ['2024-01-02 03:04:05.5 -0700 MST', '2024-01-02 10:04:05.500Z'],
    ['2024-01-01T00:30:00+01:00', '2023-12-31 23:30:00.000Z'],
    ['Tue, 02 Jan 2024 03:04:05 GMT', '2024-01-02 03:04:05.000Z'],
    ['Tue, 02 Jan 2024 03:04:05 +0200', '2024-01-02 01:04:05.000Z'],
    ['02 Jan 24 03:04 UTC', '2024-01-02 03:04:00.000Z'],
    ['02 Jan 75 03:04 -0100', '1975-01-02 04:04:00.000Z'],
    ['Tuesday, 02-Jan-24 03:04:05 UTC', '2024-01-02 03:04:05.000Z'],
    ['Tue Jan  2 03:04:05 2024', '2024-01-02 03:04:05.000Z'],
    ['Tue Jan  2 03:04:05 UTC 2024', '2024-01-02 03:04:05.000Z'],
    ['Tue Jan 02 03:04:05 +0100 2024', '2024-01-02 02:04:05.000Z'],
    ['02 Jan 2024', '2024-01-02 00:00:00.000Z'],
    ['2024-02-29', '2024-02-29 00:00:00.000Z'],
    ['2023-02-29', ''],
    ['2024-13-01', ''],
    ['2024-01-02T24:00:00Z', ''],
    ['2024-01-02T10:00Z', ''],
    [' 2024-01-02', ''],
    ['0001-01-01 00:00:00.000Z', ''],
    ['not a date', ''],
    ['', ''],
    [1704164645000, ''],
    [null, ''],
    [true, ''],
    [['2024-01-02'], ''],
    [new Date(Date.UTC(2024, 0, 2, 3, 4, 5, 6)), '2024-01-02 03:04:05.006Z'],
    [new Date(Number.NaN), ''],
  ];
  it('parses the accepted layouts into the API layout', () => {
    for (const [input, out] of table) assert.equal(toDateString(input), out, `input ${String(input)}`);
  });
});

describe('date field', () => {
  it('coerces and validates per the scenario table', () => {
    const cases: ValueCase[] = [
      ['valid', {}, '2024-01-02', '2024-01-02 00:00:00.000Z', null],
      ['unparsable becomes empty', {}, 'nope', '', null],
      ['number becomes empty', {}, 123, '', null],
      ['required empty', { required: true }, null, '', 'validation_required'],
      ['required unparsable', { required: true }, 'nope', '', 'validation_required'],
      ['at min', { min: '2024-01-01' }, '2024-01-01', '2024-01-01 00:00:00.000Z', null],
      [
        'below min',
        { min: '2024-01-01 00:00:00.000Z' },
        '2023-12-31',
        '2023-12-31 00:00:00.000Z',
        'validation_min_greater_equal_than_required',
      ],
      [
        'above max',
        { max: '2024-01-01 00:00:00.000Z' },
        '2024-01-02',
        '2024-01-02 00:00:00.000Z',
        'validation_max_less_equal_than_required',
      ],
      ['empty skips min', { min: '2024-01-01 00:00:00.000Z' }, '', '', null],
    ];
    runValueCases('date', cases);
  });

  it('reports the bound in min/max errors', () => {
    const err = coerceAndValidate('date', { min: '2024-01-01 00:00:00.000Z' }, '2023-01-01').error;
    assert.deepEqual(err?.params, { min: '2024-01-01 00:00:00.000Z' });
  });

  it('has "" as zero value', () => {
    const f = newField('date', 'd');
    assert.equal(fieldTypes.date.zero(f), '');
    assert.equal(fieldTypes.date.isEmpty(f, ''), true);
    assert.equal(fieldTypes.date.validate(f, 'garbage', valueCtx)?.code, 'validation_unsupported_value_type');
    assert.equal(fieldTypes.date.modify, undefined);
  });
});

describe('autodate field', () => {
  it('normalises given dates and never fails validation', () => {
    const f = newField('autodate', 'created');
    const a = fieldTypes.autodate;
    assert.equal(a.coerce(f, '2024-01-02T03:04:05Z'), '2024-01-02 03:04:05.000Z');
    assert.equal(a.coerce(f, 'x'), '');
    assert.equal(a.zero(f), '');
    assert.equal(a.validate(f, 'anything', valueCtx), null);
    assert.equal(a.validate(f, { a: 1 }, valueCtx), null);
    assert.equal(a.storage(f), 'text');
    assert.equal(a.modify, undefined);
  });
});
