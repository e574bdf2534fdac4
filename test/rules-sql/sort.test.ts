import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { GUEST, type Requester, requestInfo } from '../../src/core/request.js';
import { sql } from '../../src/store/sql.js';
import { type Fixture, openFixture } from './fixture.js';
import { assertInvalid, conditions } from './helpers.js';

let fx: Fixture;
before(async () => {
  fx = await openFixture();
});
after(async () => fx.close());

async function sorted(sort: string, who: Requester = GUEST, table = 'posts'): Promise<string[]> {
  const collection = fx.collections[table];
  assert.ok(collection);
  const order = conditions.sort(fx.app, collection, sort, requestInfo(who));
  const rows = await fx.store.all<{ id: string }>(
    sql`SELECT "__r"."id" AS id FROM ${sql.id(table)} AS "__r" ORDER BY ${order}`,
  );
  return rows.map((r) => r.id);
}

describe('sort (spec §5.11)', () => {
  it('orders by fields, directions and modifiers', async () => {
    assert.deepEqual(await sorted('-views'), ['p1', 'p3', 'p2', 'p4']);
    assert.deepEqual(await sorted('views'), ['p4', 'p2', 'p3', 'p1']);
    assert.deepEqual(await sorted('+views'), ['p4', 'p2', 'p3', 'p1']);
    assert.deepEqual(await sorted('published,-id'), ['p4', 'p2', 'p3', 'p1']);
    assert.deepEqual(await sorted(' -published , id '), ['p1', 'p3', 'p2', 'p4']);
    assert.deepEqual(await sorted('title:lower,id'), ['p3', 'p2', 'p1', 'p4']);
    assert.deepEqual(await sorted('-tags:length,id'), ['p1', 'p2', 'p4', 'p3']);
    assert.deepEqual(await sorted('meta.a.b,id'), ['p2', 'p4', 'p1', 'p3']);
  });

  it('orders by single relation paths and back-relations with a unique index', async () => {
    assert.deepEqual(await sorted('author.name,id'), ['p3', 'p4', 'p1', 'p2']);
    assert.deepEqual(await sorted('-author.team.name,id'), ['p1', 'p2', 'p3', 'p4']);
    assert.deepEqual(await sorted('-author.team.name,id', fx.users.su), ['p1', 'p2', 'p3', 'p4']);
    assert.deepEqual(await sorted('-likes_via_post.n,id'), ['p1', 'p3', 'p2', 'p4']);
    assert.deepEqual(await sorted('author.id,id'), ['p3', 'p1', 'p2', 'p4']);
  });

  it('supports @random and @rowid', async () => {
    assert.deepEqual((await sorted('@random')).sort(), ['p1', 'p2', 'p3', 'p4']);
    assert.deepEqual(await sorted('-@rowid'), ['p4', 'p3', 'p2', 'p1']);
    assert.deepEqual(await sorted('@rowid'), ['p1', 'p2', 'p3', 'p4']);
    assert.deepEqual(await sorted('-published,@random').then((r) => r.slice(0, 2).sort()), ['p1', 'p3']);
  });

  it('hides emails that are not visible', async () => {
    assert.deepEqual(await sorted('-author.email,id'), ['p1', 'p4', 'p2', 'p3']);
    assert.deepEqual(await sorted('-author.email,id', fx.users.su), ['p2', 'p1', 'p4', 'p3']);
  });

  it('rejects what is not a plain column', async () => {
    const cases = [
      'editors.name',
      'tags:each',
      'comments_via_post.text',
      '@now',
      '@request.query.x',
      '@collection.members.user',
      'nope',
      'title:upper',
      "'x'",
      '',
      'a,,b',
      'a,b,c,d,e,f,g,h,i',
      'x'.repeat(256),
      'secretNote',
      'author.secret',
      'lockedRef.name',
    ];
    for (const sort of cases.filter(Boolean)) {
      await assertInvalid(() => sorted(sort), sort);
    }
    await assertInvalid(() => sorted('@request.query.x', fx.users.su), 'superuser @request');
    assert.deepEqual(await sorted('secretNote,id', fx.users.su), ['p2', 'p3', 'p4', 'p1']);
    assert.deepEqual(await sorted('title,title,title,title,title,title,title,id'), ['p3', 'p1', 'p4', 'p2']);
  });

  it('returns an empty clause for an empty sort', () => {
    const order = conditions.sort(fx.app, fx.collections.posts as never, '', requestInfo(GUEST));
    assert.deepEqual([order.sql, order.binds], ['', []]);
  });
});
