import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import type { Field, FieldTypeName } from '../../src/core/collection.js';
import type { ModifierOp } from '../../src/core/fields/field-type.js';
import { fieldTypes, newField } from '../../src/core/fields/index.js';
import { optionsCtx, valueCtx } from './support.js';

const TYPES = Object.keys(fieldTypes) as FieldTypeName[];

const FIELDS: Field[] = [
  ...TYPES.map((t) => newField(t, 'f')),
  newField('text', 'f', { required: true, min: 2, max: 10, pattern: '^[a-z]+$' }),
  newField('number', 'f', { required: true, min: -5, max: 5, onlyInt: true }),
  newField('select', 'f', { values: ['a', 'b', 'c'], maxSelect: 2, required: true }),
  newField('relation', 'f', { collectionId: 'x', minSelect: 1, maxSelect: 3 }),
  newField('file', 'f', { maxSelect: 2, required: true }),
  newField('json', 'f', { maxSize: 50, required: true }),
  newField('date', 'f', { min: '2000-01-01 00:00:00.000Z', max: '2100-01-01 00:00:00.000Z' }),
  newField('email', 'f', { onlyDomains: ['example.com'] }),
  newField('url', 'f', { exceptDomains: ['example.com'] }),
  newField('password', 'f', { min: 8, pattern: '[0-9]' }),
];

const input = fc.oneof(
  fc.jsonValue({ maxDepth: 4 }),
  fc.constantFrom('NaN', 'Inf', '-Infinity', '1e3', '[', '["a","b"]', '{"lon":"x"}', '2024-01-02', 'true', '', ' '),
  fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY, -0, undefined, 10n, new Date(Number.NaN)),
  fc.string({ unit: 'binary' }),
);

const op = fc.constantFrom<ModifierOp>('append', 'prepend', 'remove');

describe('properties', () => {
  it('coerce + validate + isEmpty + modify never throw, for every type', () => {
    fc.assert(
      fc.property(fc.constantFrom(...FIELDS), input, input, op, (field, raw, other, mod) => {
        const ft = fieldTypes[field.type];
        const value = ft.coerce(field, raw);
        const err = ft.validate(field, value, valueCtx);
        assert.ok(err === null || typeof err.code === 'string');
        assert.equal(typeof ft.isEmpty(field, value), 'boolean');
        ft.validate(field, raw, valueCtx);
        ft.isEmpty(field, raw);
        if (ft.modify) ft.validate(field, ft.modify(field, value, mod, other), valueCtx);
      }),
      { numRuns: 3000 },
    );
  });

  it('validateOptions never throws on arbitrary option values', () => {
    fc.assert(
      fc.property(fc.constantFrom(...TYPES), fc.dictionary(fc.string(), input), input, (type, extra, v) => {
        const options: Record<string, unknown> = { ...extra };
        for (const key of Object.keys(fieldTypes[type].defaults())) options[key] = v;
        const field = newField(type, 'f', options);
        const errors = fieldTypes[type].validateOptions(field, optionsCtx());
        assert.equal(typeof errors, 'object');
        fieldTypes[type].validateOptions(field, optionsCtx());
      }),
      { numRuns: 2000 },
    );
  });

  it('coerce is idempotent for scalar and point values it produced', () => {
    const scalar = FIELDS.filter((f) => !['json', 'select', 'relation', 'file'].includes(f.type));
    fc.assert(
      fc.property(fc.constantFrom(...scalar), fc.jsonValue({ maxDepth: 3 }), (field, raw) => {
        const ft = fieldTypes[field.type];
        const once = ft.coerce(field, raw);
        assert.deepEqual(ft.coerce(field, once), once);
      }),
      { numRuns: 2000 },
    );
  });

  it('survives huge and deeply nested inputs', () => {
    let deep: unknown = 'x';
    for (let i = 0; i < 100_000; i++) deep = { a: deep };
    const huge = 'a'.repeat(20 * 1024 * 1024);
    for (const field of FIELDS) {
      const ft = fieldTypes[field.type];
      for (const raw of [deep, huge, `[${huge}`]) {
        const value = ft.coerce(field, raw);
        ft.validate(field, value, valueCtx);
        ft.isEmpty(field, value);
      }
    }
  });
});
