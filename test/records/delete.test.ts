import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { DIALECTS } from '../harness/index.js';
import { createCollection, makeEnv, type RecordsEnv } from './setup.js';

for (const dialect of DIALECTS) {
  describe(`delete with references (${dialect})`, () => {
    let env: RecordsEnv;
    let parents: any;
    before(async () => {
      env = await makeEnv(dialect);
      parents = await createCollection(env, { name: 'parents', fields: [{ name: 'name', type: 'text' }] });
      await createCollection(env, {
        name: 'children',
        fields: [
          { name: 'cascade', type: 'relation', collectionId: parents.id, maxSelect: 1, cascadeDelete: true },
          { name: 'many', type: 'relation', collectionId: parents.id, maxSelect: 5 },
        ],
      });
      await createCollection(env, {
        name: 'needs',
        fields: [{ name: 'parent', type: 'relation', collectionId: parents.id, maxSelect: 1, required: true }],
      });
    });
    after(() => env?.t.close());

    const make = async (collection: string, body: Record<string, unknown>) => {
      const res = await env.api('POST', `/api/collections/${collection}/records`, body, 'su');
      assert.equal(res.status, 200, JSON.stringify(res.json));
      return res.json;
    };
    const exists = async (collection: string, id: string) =>
      (await env.api('GET', `/api/collections/${collection}/records/${id}`, undefined, 'su')).status === 200;

    it('cascades, unlinks, and refuses a required reference, atomically', async () => {
      const p1 = await make('parents', { name: 'p1' });
      const p2 = await make('parents', { name: 'p2' });
      const c1 = await make('children', { cascade: p1.id });
      const c2 = await make('children', { many: [p1.id, p2.id] });
      let res = await env.api('DELETE', `/api/collections/parents/records/${p1.id}`, undefined, 'su');
      assert.equal(res.status, 204);
      assert.equal(await exists('children', c1.id), false, 'cascade deletes the child');
      const left = await env.api('GET', `/api/collections/children/records/${c2.id}`, undefined, 'su');
      assert.deepEqual(left.json.many, [p2.id], 'a multi reference is unlinked');

      const n1 = await make('needs', { parent: p2.id });
      const c3 = await make('children', { cascade: p2.id });
      res = await env.api('DELETE', `/api/collections/parents/records/${p2.id}`, undefined, 'su');
      assert.equal(res.status, 400);
      assert.equal(
        res.json.message,
        'Failed to delete record. Make sure that the record is not part of a required relation reference.',
      );
      assert.equal(await exists('parents', p2.id), true, 'the parent stays');
      assert.equal(await exists('children', c3.id), true, 'the cascade was rolled back');
      assert.equal(await exists('needs', n1.id), true);
    });
  });
}
