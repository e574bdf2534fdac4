import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fieldTypes, newField } from '../../src/core/fields/index.js';
import { coerceAndValidate, runValueCases, type ValueCase, valueCtx } from './support.js';

describe('json field', () => {
  it('coerces and validates per the scenario table', () => {
    const cases: ValueCase[] = [
      ['object kept', {}, { a: 1 }, { a: 1 }, null],
      ['array kept', {}, [1, 'x'], [1, 'x'], null],
      ['number kept', {}, 5, 5, null],
      ['bool kept', {}, false, false, null],
      ['null', {}, null, null, null],
      ['undefined is null', {}, undefined, null, null],
      ['"null" string', {}, 'null', null, null],
      ['"true" string', {}, 'true', true, null],
      ['"false" string', {}, 'false', false, null],
      ['numeric string', {}, '123', 123, null],
      ['negative numeric string', {}, '-1.5', -1.5, null],
      ['quoted string', {}, '"abc"', 'abc', null],
      ['array string', {}, '[1,2]', [1, 2], null],
      ['object string', {}, '{"a":{"b":[true]}}', { a: { b: [true] } }, null],
      ['plain string', {}, 'abc', 'abc', null],
      ['invalid JSON-looking string', {}, '{abc', '{abc', null],
      ['number-looking garbage', {}, '123abc', '123abc', null],
      ['"True" is a string', {}, 'True', 'True', null],
      ['empty string', {}, '', '', null],
      ['required null', { required: true }, null, null, 'validation_required'],
      ['required empty string', { required: true }, '', '', 'validation_required'],
      ['required empty list', { required: true }, '[]', [], 'validation_required'],
      ['required empty object', { required: true }, {}, {}, 'validation_required'],
      ['required zero ok', { required: true }, 0, 0, null],
      ['required false ok', { required: true }, false, false, null],
      ['size within limit', { maxSize: 7 }, { a: 1 }, { a: 1 }, null],
      ['size over limit', { maxSize: 6 }, { a: 1 }, { a: 1 }, 'validation_json_size_limit'],
      ['size counts bytes', { maxSize: 4 }, 'éé', 'éé', 'validation_json_size_limit'],
    ];
    runValueCases('json', cases);
    assert.deepEqual(coerceAndValidate('json', { maxSize: 6 }, { a: 1 }).error?.params, { maxSize: 6 });
  });

  it('defaults the size limit to 1 MiB', () => {
    const big = 'a'.repeat(1024 * 1024);
    assert.equal(coerceAndValidate('json', {}, big).error?.code, 'validation_json_size_limit');
    assert.equal(coerceAndValidate('json', {}, big.slice(2)).error, null);
  });

  it('reports values that cannot be serialised', () => {
    const f = newField('json', 'j');
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    let deep: unknown = [];
    for (let i = 0; i < 200_000; i++) deep = [deep];
    for (const bad of [cyclic, 10n, Number.NaN, { x: Number.POSITIVE_INFINITY }, () => 1, deep]) {
      assert.equal(fieldTypes.json.validate(f, bad, valueCtx)?.code, 'validation_invalid_json');
    }
  });

  it('has null as zero value', () => {
    const f = newField('json', 'j');
    assert.equal(fieldTypes.json.zero(f), null);
    assert.equal(fieldTypes.json.storage(f), 'json');
  });
});

describe('geoPoint field', () => {
  it('coerces and validates per the scenario table', () => {
    const cases: ValueCase[] = [
      ['object', {}, { lon: 23.32, lat: 42.69 }, { lon: 23.32, lat: 42.69 }, null],
      ['JSON string', {}, '{"lon":1.5,"lat":-2}', { lon: 1.5, lat: -2 }, null],
      ['missing keys', {}, { lat: 5 }, { lon: 0, lat: 5 }, null],
      ['non-number coordinates', {}, { lon: '12', lat: true }, { lon: 0, lat: 0 }, null],
      ['case-insensitive keys', {}, { LON: 3, Lat: 4 }, { lon: 3, lat: 4 }, null],
      ['extra keys dropped', {}, { lon: 1, lat: 2, alt: 3 }, { lon: 1, lat: 2 }, null],
      ['null', {}, null, { lon: 0, lat: 0 }, null],
      ['array', {}, [1, 2], { lon: 0, lat: 0 }, null],
      ['invalid string', {}, 'abc', { lon: 0, lat: 0 }, null],
      ['number', {}, 5, { lon: 0, lat: 0 }, null],
      ['required zero', { required: true }, { lon: 0, lat: 0 }, { lon: 0, lat: 0 }, 'validation_required'],
      ['required non-zero', { required: true }, { lon: 0, lat: 1 }, { lon: 0, lat: 1 }, null],
      ['latitude out of range', {}, { lon: 0, lat: 91 }, { lon: 0, lat: 91 }, 'validation_invalid_latitude'],
      ['longitude out of range', {}, { lon: -181, lat: 0 }, { lon: -181, lat: 0 }, 'validation_invalid_longitude'],
      ['bounds inclusive', {}, { lon: 180, lat: -90 }, { lon: 180, lat: -90 }, null],
    ];
    runValueCases('geoPoint', cases);
  });

  it('has {lon:0,lat:0} as zero value', () => {
    const f = newField('geoPoint', 'g');
    assert.deepEqual(fieldTypes.geoPoint.zero(f), { lon: 0, lat: 0 });
    assert.equal(fieldTypes.geoPoint.isEmpty(f, { lon: 0, lat: 0 }), true);
    assert.equal(fieldTypes.geoPoint.validate(f, 'x', valueCtx)?.code, 'validation_unsupported_value_type');
  });
});
