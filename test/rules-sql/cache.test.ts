import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Collection } from '../../src/core/collection.js';
import { GUEST, requestInfo } from '../../src/core/request.js';
import { TemplateCache } from '../../src/core/rules-sql/cache.js';
import { conditionsOf, validateRuleExpression } from '../../src/core/rules-sql/index.js';
import { FilterCompileError } from '../../src/store/compiler.js';
import { valuesOf } from '../../src/store/sql.js';
import { type Fixture, openFixture, schema } from './fixture.js';
import { assertInvalid, conditions, matching } from './helpers.js';

let fx: Fixture;
before(async () => {
  fx = await openFixture();
});
after(async () => fx.close());

describe('TemplateCache', () => {
  it('builds once per key and evicts the least recently used', () => {
    const cache = new TemplateCache(2);
    let builds = 0;
    const build = () => {
      builds++;
      return { sql: `t${builds}`, binds: [] };
    };
    assert.equal(cache.get(1, 'a', build).sql, 't1');
    assert.equal(cache.get(1, 'a', build).sql, 't1');
    cache.get(1, 'b', build);
    cache.get(1, 'a', build);
    cache.get(1, 'c', build);
    assert.equal(cache.size, 2);
    assert.equal(cache.get(1, 'a', build).sql, 't1');
    assert.equal(cache.get(1, 'b', build).sql, 't4');
    assert.equal(builds, 4);
  });

  it('drops everything when the registry version changes', () => {
    const cache = new TemplateCache(10);
    let builds = 0;
    const build = () => ({ sql: String(++builds), binds: [] });
    cache.get(1, 'a', build);
    cache.get(2, 'a', build);
    assert.equal(builds, 2);
    assert.equal(cache.size, 1);
  });

  it('remembers compile errors as 400s and passes other errors through', async () => {
    const cache = new TemplateCache(10);
    let builds = 0;
    const failing = () => {
      builds++;
      throw new FilterCompileError('nope');
    };
    await assertInvalid(() => cache.get(1, 'x', failing), 'first');
    await assertInvalid(() => cache.get(1, 'x', failing), 'second');
    assert.equal(builds, 1);
    assert.throws(
      () =>
        cache.get(1, 'y', () => {
          throw new TypeError('bug');
        }),
      TypeError,
    );
  });
});

describe('compiled templates are bound per request', () => {
  it('reuses the SQL and rebinds the requester', () => {
    const rule = 'author = @request.auth.id && @request.query.q != title';
    const posts = fx.collections.posts as Collection;
    const a = conditions.rule(fx.app, posts, rule, requestInfo(fx.users.u1 as never, { query: { q: 'x' } }));
    const b = conditions.rule(fx.app, posts, rule, requestInfo(fx.users.u2 as never, { query: { q: 'y' } }));
    assert.equal(a.sql, b.sql);
    assert.notDeepEqual(valuesOf(a), valuesOf(b));
    assert.ok(valuesOf(a).includes('u1') && valuesOf(b).includes('u2'));
    const guest = conditions.rule(fx.app, posts, rule, requestInfo(GUEST));
    assert.notEqual(guest.sql, a.sql);
  });

  it('recompiles after the collections change', async () => {
    assert.deepEqual(await matching(fx, "title = 'Hello World'"), ['p1']);
    const changed = schema().map((c) =>
      c.name === 'posts' ? { ...c, fields: c.fields.filter((f) => f.name !== 'title') } : c,
    );
    fx.app.collections.replace(changed);
    const posts = fx.app.collections.find('posts') as Collection;
    await assertInvalid(
      () => conditions.rule(fx.app, posts, "title = 'Hello World'", requestInfo(GUEST)),
      'removed field',
    );
    fx.app.collections.replace(schema());
    (fx.collections as Record<string, Collection>).posts = fx.app.collections.find('posts') as Collection;
    assert.deepEqual(await matching(fx, "title = 'Hello World'"), ['p1']);
  });

  it("is the app's condition compiler", async () => {
    const cond = conditionsOf(fx.app).filter(fx.collections.posts as Collection, 'views > 5', requestInfo(GUEST));
    assert.deepEqual(valuesOf(cond), [5]);
    const always = conditionsOf(fx.app).rule(fx.collections.posts as Collection, '', requestInfo(GUEST));
    assert.deepEqual([always.sql, valuesOf(always)], ['1=1', []]);
  });
});

describe('validateRuleExpression', () => {
  it('returns null for valid rules and the reason otherwise', () => {
    const posts = fx.collections.posts as Collection;
    const valid = [
      '',
      null,
      'author = @request.auth.id',
      '@request.auth.anything.deeper = 1',
      "@collection.members.user ?= @request.auth.id && secretNote != ''",
      '@request.body.title:changed = false',
    ];
    for (const rule of valid) assert.equal(validateRuleExpression(fx.app, posts, rule), null, String(rule));
    assert.match(validateRuleExpression(fx.app, posts, 'nope = 1') ?? '', /nope/);
    assert.match(validateRuleExpression(fx.app, posts, 'title = ') ?? '', /at position/);
    assert.match(validateRuleExpression(fx.app, posts, '@request.data.x = 1') ?? '', /data/);
    assert.match(validateRuleExpression(fx.app, posts, 'title:upper = 1') ?? '', /upper/);
  });

  it('checks a collection that is not registered yet, self relations included', () => {
    const fresh: Collection = {
      ...(fx.collections.posts as Collection),
      id: 'c_new',
      name: 'drafts',
      fields: [
        { id: 'a', name: 'id', type: 'text', system: true, hidden: false, presentable: false },
        {
          id: 'b',
          name: 'parent',
          type: 'relation',
          collectionId: 'c_new',
          maxSelect: 1,
          system: false,
          hidden: false,
          presentable: false,
        },
        { id: 'c', name: 'label', type: 'text', system: false, hidden: false, presentable: false },
      ],
    };
    assert.equal(
      validateRuleExpression(fx.app, fresh, "parent.parent.label = 'x' && drafts_via_parent.label ?= 'y'"),
      null,
    );
    assert.match(validateRuleExpression(fx.app, fresh, "title = 'x'") ?? '', /title/);
  });
});
