import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Collection } from '../../src/core/collection.js';
import { schemaJSON } from '../../src/plugins/migrations/templates.js';

describe('webhooks and generated migrations', () => {
  it('leaves webhooks (URLs and secrets) out of migration files', () => {
    const c: Collection = {
      id: 'pbc_1',
      name: 'orders',
      type: 'base',
      system: false,
      fields: [],
      indexes: [],
      listRule: null,
      viewRule: null,
      createRule: null,
      updateRule: null,
      deleteRule: null,
      created: '',
      updated: '',
      searchFields: [],
      webhooks: [
        {
          id: 'h1',
          url: 'http://localhost:4000/',
          events: ['create'],
          filter: '',
          secret: 'super-secret-value-123',
          enabled: true,
        },
      ],
    };
    const json = schemaJSON(c);
    assert.equal('webhooks' in json, false);
    assert.doesNotMatch(JSON.stringify(json), /super-secret|localhost/);
  });
});
