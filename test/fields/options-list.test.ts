import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { newField } from '../../src/core/fields/index.js';
import { collection, INVALID, MAX, MIN, optionsCtx, runOptionCases, validateOptions } from './support.js';

describe('select options', () => {
  it('validates per the scenario table', () => {
    runOptionCases('select', [
      ['no values', {}, { values: 'validation_required' }],
      ['values', { values: ['a', 'b'] }, {}],
      ['maxSelect up to the values count', { values: ['a', 'b'], maxSelect: 2 }, {}],
      ['maxSelect over the values count', { values: ['a', 'b'], maxSelect: 3 }, { maxSelect: MAX }],
      ['negative maxSelect', { values: ['a'], maxSelect: -1 }, { maxSelect: MIN }],
      ['values not a list', { values: 'a' }, { values: INVALID }],
      ['values with objects', { values: ['a', { b: 1 }] }, { values: INVALID }],
    ]);
    assert.deepEqual(validateOptions('select', { values: ['a', 2] }).field.values, ['a', '2']);
    assert.deepEqual(validateOptions('select', { values: [], maxSelect: 1 }).codes, { values: 'validation_required' });
  });
});

describe('relation options', () => {
  const users = collection({ id: 'pbc_users', name: 'users', type: 'auth' });
  const report = collection({ id: 'pbc_report', name: 'report', type: 'view' });
  const ctx = optionsCtx([users, report]);

  it('validates per the scenario table', () => {
    runOptionCases(
      'relation',
      [
        ['missing collectionId', {}, { collectionId: 'validation_required' }],
        ['existing collection', { collectionId: 'pbc_users' }, {}],
        ['self reference', { collectionId: 'pbc_posts' }, {}],
        [
          'unknown collection',
          { collectionId: 'nope' },
          { collectionId: 'validation_field_relation_missing_collection' },
        ],
        [
          'by name is not enough',
          { collectionId: 'users' },
          { collectionId: 'validation_field_relation_missing_collection' },
        ],
        [
          'base to view',
          { collectionId: 'pbc_report' },
          { collectionId: 'validation_relation_field_non_view_base_collection' },
        ],
        [
          'minSelect needs maxSelect',
          { collectionId: 'pbc_users', minSelect: 2 },
          { maxSelect: 'validation_required' },
        ],
        ['maxSelect below minSelect', { collectionId: 'pbc_users', minSelect: 3, maxSelect: 2 }, { maxSelect: MIN }],
        ['maxSelect at minSelect', { collectionId: 'pbc_users', minSelect: 2, maxSelect: 2 }, {}],
        ['negative minSelect', { collectionId: 'pbc_users', minSelect: -1 }, { minSelect: MIN }],
        ['cascadeDelete wrong type', { collectionId: 'pbc_users', cascadeDelete: 'yes' }, { cascadeDelete: INVALID }],
      ],
      ctx,
    );
  });

  it('lets views point to views and keeps collectionId immutable', () => {
    const viewCtx = optionsCtx([users, report], collection({ id: 'pbc_v2', type: 'view' }));
    assert.deepEqual(validateOptions('relation', { collectionId: 'pbc_report' }, viewCtx).codes, {});
    const previous = newField('relation', 'author', { collectionId: 'pbc_posts' });
    const updateCtx = optionsCtx([users, report], collection(), previous);
    assert.deepEqual(validateOptions('relation', { collectionId: 'pbc_users' }, updateCtx).codes, {
      collectionId: 'validation_field_relation_change',
    });
    assert.deepEqual(validateOptions('relation', { collectionId: 'pbc_posts' }, updateCtx).codes, {});
  });
});

describe('file options', () => {
  it('validates per the scenario table', () => {
    runOptionCases('file', [
      ['defaults', {}, {}],
      ['negative sizes', { maxSize: -1, maxSelect: -2 }, { maxSize: MIN, maxSelect: MIN }],
      ['valid thumbs', { thumbs: ['100x100', '100x100t', '100x100b', '100x100f', '0x50', '50x0'] }, {}],
      [
        'invalid thumbs',
        { thumbs: ['100x100', '0x0', '0x0t', 'abc', '100x100z', '00x0'] },
        {
          'thumbs.1': 'validation_not_in_invalid',
          'thumbs.2': 'validation_not_in_invalid',
          'thumbs.3': 'validation_match_invalid',
          'thumbs.4': 'validation_match_invalid',
          'thumbs.5': 'validation_not_in_invalid',
        },
      ],
      ['mimeTypes not a list', { mimeTypes: 'image/png' }, { mimeTypes: INVALID }],
      ['protected wrong type', { protected: 'x' }, { protected: INVALID }],
    ]);
  });
});
