import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Collection } from '../../src/core/collection.js';
import { newRecordMatches, storedRecordMatches } from '../../src/core/records/rule-check.js';
import { GUEST, requestInfo } from '../../src/core/request.js';
import { type Fixture, openFixture } from './fixture.js';

let fx: Fixture;
before(async () => {
  fx = await openFixture();
});
after(async () => fx.close());

describe('through core/records/rule-check', () => {
  it('checks stored records', async () => {
    const posts = fx.collections.posts as Collection;
    const rule = "author = @request.auth.id || (editors.id ?= @request.auth.id && comments_via_post.text ?~ 'great')";
    const u1 = requestInfo(fx.users.u1 as never);
    const u2 = requestInfo(fx.users.u2 as never);
    assert.equal(await storedRecordMatches(fx.app, fx.store, posts, rule, u1, 'p1'), true);
    assert.equal(await storedRecordMatches(fx.app, fx.store, posts, rule, u2, 'p1'), true);
    assert.equal(await storedRecordMatches(fx.app, fx.store, posts, rule, u1, 'p2'), false);
    assert.equal(await storedRecordMatches(fx.app, fx.store, posts, rule, u2, 'p2'), true);
    assert.equal(await storedRecordMatches(fx.app, fx.store, posts, rule, requestInfo(GUEST), 'p1'), false);
  });

  it('checks would-be records of a create', async () => {
    const posts = fx.collections.posts as Collection;
    const rule =
      "@request.auth.id != '' && author = @request.auth.id && @request.body.tags:length <= 2 && editors.name ?= 'Ann' && meta.a.b = 1";
    const data = (author: string) => ({
      id: 'new1',
      title: 'x',
      body: '',
      views: 0,
      published: false,
      author,
      tags: ['a'],
      editors: ['u1'],
      meta: { a: { b: 1 } },
      location: { lon: 0, lat: 0 },
      created: '',
      category: '',
      secretNote: '',
      reviewer: '',
      lockedRef: '',
    });
    const info = requestInfo(fx.users.u1 as never, { body: { tags: ['a'] }, method: 'POST' });
    assert.equal(await newRecordMatches(fx.app, fx.store, posts, rule, info, data('u1')), true);
    assert.equal(await newRecordMatches(fx.app, fx.store, posts, rule, info, data('u2')), false);
  });
});
