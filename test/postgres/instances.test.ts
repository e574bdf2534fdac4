import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { DIALECTS, type ServerProcess } from '../harness/index.js';
import { call, eventually, startTwoInstances, type TwoInstances } from './two-instances.js';

describe('several instances on one PostgreSQL database', { skip: !DIALECTS.includes('postgres') }, () => {
  let pair: TwoInstances;
  let a: ServerProcess;
  let b: ServerProcess;
  let token = '';

  before(async () => {
    pair = await startTwoInstances();
    ({ a, b, token } = pair);
  });
  after(async () => {
    await pair?.stop();
  });

  it('a collection created through one instance is served by the other', async () => {
    const created = await call(
      a.url,
      'POST',
      '/api/collections',
      { name: 'notes', listRule: '', viewRule: '', createRule: '', fields: [{ name: 'text', type: 'text' }] },
      token,
    );
    assert.equal(created.status, 200, JSON.stringify(created.json));
    const ms = await eventually(
      async () => (await call(b.url, 'GET', '/api/collections/notes/records')).status === 200,
      3000,
    );
    process.stdout.write(`# collection visible on the second instance after ${ms} ms\n`);
    const rec = await call(b.url, 'POST', '/api/collections/notes/records', { text: 'written through B' });
    assert.equal(rec.status, 200, JSON.stringify(rec.json));
    const seen = await call(a.url, 'GET', `/api/collections/notes/records/${rec.json.id}`);
    assert.equal(seen.json.text, 'written through B');
  });

  it('a schema change through one instance is used by the other', async () => {
    const changed = await call(
      b.url,
      'PATCH',
      '/api/collections/notes',
      {
        fields: [
          { name: 'text', type: 'text' },
          { name: 'stars', type: 'number' },
        ],
      },
      token,
    );
    assert.equal(changed.status, 200, JSON.stringify(changed.json));
    await eventually(async () => {
      const r = await call(a.url, 'POST', '/api/collections/notes/records', { text: 'x', stars: 4 });
      return r.status === 200 && r.json.stars === 4;
    }, 3000);
  });

  it('the superuser and the system collections exist once', async () => {
    const list = await call(b.url, 'GET', '/api/collections?perPage=100', undefined, token);
    const names = list.json.items.map((c: { name: string }) => c.name);
    assert.equal(names.filter((n: string) => n === 'users').length, 1);
    const sus = await call(a.url, 'GET', '/api/collections/_superusers/records', undefined, token);
    assert.equal(sus.json.totalItems, 1);
  });
});
