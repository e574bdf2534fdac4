import { after, before, describe, it } from 'node:test';
import { type Fixture, openFixture } from './fixture.js';
import { type Ask, runRows } from './helpers.js';

let fx: Fixture;
before(async () => {
  fx = await openFixture();
});
after(async () => fx.close());

const ALL = ['p1', 'p2', 'p3', 'p4'];

describe('client filters of non-superusers (spec §5.8)', () => {
  const guest: Ask = { mode: 'filter' };
  const user = (): Ask => ({ mode: 'filter', who: fx.users.u1 });
  const superuser = (): Ask => ({ mode: 'filter', who: fx.users.su });

  it('rejects hidden fields, also as hops and back-relation fields', async () => {
    await runRows(fx, [
      ["secretNote = 'n1'", 'invalid', guest],
      ["secretNote = 'n1'", 'invalid', user()],
      ["secretNote = 'n1'", ['p1'], superuser()],
      ["secretNote = 'n1'", ['p1'], { mode: 'rule' }],
      ["author.secret = 's1'", 'invalid', user()],
      ["author.secret = 's1'", ['p1'], superuser()],
      ["reviewer.name = 'Bob'", 'invalid', guest],
      ["reviewer = 'u2'", 'invalid', guest],
      ["reviewer.name = 'Bob'", ['p1'], superuser()],
      ["comments_via_hiddenPost.text ?= 'x'", 'invalid', guest],
      ["comments_via_hiddenPost.text ?= 'x'", [], superuser()],
      ["title = 'x' || secretNote = 'n1'", 'invalid', guest],
      ["strftime('%Y', secretNote) = ''", 'invalid', guest],
    ]);
  });

  it('rejects @request and @collection roots', async () => {
    await runRows(fx, [
      ['@request.auth.id = author', 'invalid', user()],
      ["@collection.members.user ?= 'u1'", 'invalid', user()],
      ['@request.auth.id = author', ['p1'], { mode: 'filter', who: { ...fx.users.su, record: { id: 'u1' } } }],
      ["@collection.members.user ?= 'u1'", ALL, superuser()],
      ['@now != title', ALL, guest],
    ]);
  });

  it('needs a listRule on every joined collection, and applies it', async () => {
    await runRows(fx, [
      ["lockedRef.name = 'K'", 'invalid', guest],
      ["lockedRef.name = 'K'", ['p1'], superuser()],
      ["lockedRef.name = 'K'", ['p1'], { mode: 'rule' }],
      ["lockedRef = 'k1'", ['p1'], guest],
      ["lockedRef.id = 'k1'", ['p1'], guest],
      ["comments_via_post.text ?= 'meh'", [], guest],
      ["comments_via_post.text ?= 'meh'", ['p1'], superuser()],
      ["comments_via_post.text ?= 'meh'", ['p1'], { mode: 'rule' }],
      ["comments_via_post.text ~ 'great'", ['p1', 'p2'], guest],
      ['comments_via_post:length = 1', ['p1', 'p2'], guest],
      ["author.team.name = 'Blue'", [], guest],
      ["author.team.name = 'Blue'", ['p2'], superuser()],
      ["author.team.name = ''", ['p3', 'p4'], guest],
      ["editors.team.name ?= 'Blue'", [], guest],
      ["editors.team.name ?= 'Red'", ['p1', 'p4'], guest],
    ]);
  });

  it('hides the email of auth records that do not show it', async () => {
    await runRows(fx, [
      ["author.email = 'ann@x.io'", ['p1'], guest],
      ["author.email = 'bob@x.io'", [], guest],
      ["author.email ~ 'bob'", [], guest],
      ["author.email != 'zzz'", ['p1', 'p4'], guest],
      ["author.email = 'bob@x.io'", ['p2'], superuser()],
      ["editors.email ?= 'bob@x.io'", [], guest],
      ["editors.email ?= 'ann@x.io'", ['p1', 'p4'], guest],
      ["author.email = 'bob@x.io'", ['p2'], { mode: 'rule' }],
    ]);
    await runRows(
      fx,
      [
        ["email ~ 'x.io'", ['u1'], guest],
        ["email ~ 'x.io'", ['u1', 'u2'], superuser()],
        ["email = ''", ['u3'], guest],
      ],
      { table: 'users' },
    );
  });
});
