import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { newField } from '../../src/core/fields/index.js';
import { collection, INVALID, MIN, optionsCtx, runOptionCases, validateOptions } from './support.js';

describe('json, editor, bool and geoPoint options', () => {
  it('validates per the scenario table', () => {
    runOptionCases('json', [
      ['defaults', {}, {}],
      ['negative maxSize', { maxSize: -5 }, { maxSize: MIN }],
      ['maxSize string', { maxSize: '10' }, {}],
    ]);
    runOptionCases('editor', [
      ['defaults', {}, {}],
      ['negative maxSize', { maxSize: -1 }, { maxSize: MIN }],
      ['convertURLs wrong type', { convertURLs: [] }, { convertURLs: INVALID }],
    ]);
    runOptionCases('bool', [['required wrong type', { required: 'x' }, { required: INVALID }]]);
    runOptionCases('geoPoint', [['defaults', {}, {}]]);
  });
});

describe('autodate options', () => {
  it('requires onCreate or onUpdate', () => {
    runOptionCases('autodate', [
      ['defaults', {}, {}],
      ['only onUpdate', { onCreate: false, onUpdate: true }, {}],
      [
        'neither',
        { onCreate: false, onUpdate: false },
        { onCreate: 'validation_required', onUpdate: 'validation_required' },
      ],
    ]);
  });

  it('keeps system autodate options immutable', () => {
    const previous = newField('autodate', 'created', { system: true, onCreate: true, onUpdate: false });
    const ctx = optionsCtx([], collection(), previous);
    const { codes } = validateOptions('autodate', { system: true, onCreate: true, onUpdate: true }, ctx);
    assert.deepEqual(codes, { onUpdate: 'validation_values_mismatch' });
    assert.deepEqual(validateOptions('autodate', { onCreate: true, onUpdate: true }, ctx).codes, {});
  });
});

describe('email and url options', () => {
  it('validates per the scenario table', () => {
    for (const type of ['email', 'url'] as const) {
      runOptionCases(type, [
        ['defaults', {}, {}],
        ['only domains', { onlyDomains: ['example.com', 'xn--bcher-kva.de'] }, {}],
        ['except domains', { exceptDomains: ['example.com'] }, {}],
        ['empty lists', { onlyDomains: [], exceptDomains: [] }, {}],
        [
          'both lists',
          { onlyDomains: ['a.com'], exceptDomains: ['b.com'] },
          { onlyDomains: 'validation_empty', exceptDomains: 'validation_empty' },
        ],
        [
          'invalid domains',
          { onlyDomains: ['example.com', 'not a domain', 'Example.com', 'localhost'] },
          {
            'onlyDomains.1': 'validation_is_domain',
            'onlyDomains.2': 'validation_is_domain',
            'onlyDomains.3': 'validation_is_domain',
          },
        ],
        ['not a list', { onlyDomains: 'example.com' }, { onlyDomains: INVALID }],
      ]);
    }
    assert.equal(validateOptions('email', { onlyDomains: 'x' }).field.onlyDomains, null);
  });
});

describe('date options', () => {
  it('normalises bounds and checks their order', () => {
    runOptionCases('date', [
      ['defaults', {}, {}],
      ['ordered bounds', { min: '2024-01-01', max: '2024-12-31' }, {}],
      ['max before min', { min: '2024-12-31', max: '2024-01-01' }, { max: 'validation_date_out_of_range' }],
      ['bound of the wrong type', { min: { a: 1 } }, { min: INVALID }],
    ]);
    const { field } = validateOptions('date', { min: '2024-01-01T10:00:00+01:00', max: 'garbage' });
    assert.equal(field.min, '2024-01-01 09:00:00.000Z');
    assert.equal(field.max, '');
  });
});
