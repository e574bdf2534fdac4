import { after, before, describe, it } from 'node:test';
import { type Fixture, openFixture } from './fixture.js';
import { runRows } from './helpers.js';

let fx: Fixture;
before(async () => {
  fx = await openFixture();
});
after(async () => fx.close());

const ALL = ['p1', 'p2', 'p3', 'p4'];

describe('relation paths', () => {
  it('follows single relations (rel.id read from the column)', async () => {
    await runRows(fx, [
      ["author.name = 'Ann'", ['p1']],
      ["author.id = 'u1'", ['p1']],
      ["author.name = ''", ['p3', 'p4']],
      ["author.team.name = 'Red'", ['p1']],
      ["author.team.lead.name = 'Bob'", ['p2']],
      ["author.roles:each ?= 'admin'", ['p1']],
      ['author.roles:length = 2', ['p1']],
      ["author.team = 't2'", ['p2']],
    ]);
  });

  it('enforces 6 relation hops', async () => {
    await runRows(fx, [
      ["author.team.lead.team.lead.team.name = 'Red'", ['p1']],
      ["author.team.lead.team.lead.team.lead.name = 'Ann'", 'invalid'],
    ]);
  });
});

describe('multi-valued operands: all vs any (spec §5.7)', () => {
  it('needs every value for plain operators and one for ?-operators', async () => {
    await runRows(fx, [
      ["editors.name ?= 'Ann'", ['p1', 'p4']],
      ["editors.name ?= 'Bob'", ['p1', 'p2']],
      ["editors.name = 'Bob'", ['p2']],
      ["editors.name != 'Bob'", ['p3', 'p4']],
      ["editors.name ?!= 'Bob'", ['p1', 'p3', 'p4']],
      ["editors.id ?= 'u2'", ['p1', 'p2']],
      ["editors.name ~ 'b'", ['p2']],
      ["editors.name ?~ 'n'", ['p1', 'p4']],
      ['editors.verified = true', ['p4']],
      ['editors:length > 1', ['p1', 'p4']],
      ["editors.team.name ?= 'Blue'", ['p1', 'p2']],
    ]);
  });

  it('iterates select/relation items with :each', async () => {
    await runRows(fx, [
      ["tags:each = 'b'", ['p2']],
      ["tags:each ?= 'a'", ['p1']],
      ["tags:each != 'b'", ['p3', 'p4']],
      ["tags:each ?~ 'c'", ['p4']],
      ['tags:length = 2', ['p1']],
      ['tags:length = 0', ['p3']],
      ["editors:each ?= 'zz'", ['p4']],
    ]);
  });

  it('compares two multi-valued operands value by value', async () => {
    await runRows(fx, [
      ['editors.id ?= tags:each', ['p3']],
      ['editors.id ?= tags:each && editors:length > 0', []],
      ['editors.name ?= author.name', ['p1', 'p2', 'p3', 'p4']],
      ["editors.name ?= author.name && author != ''", ['p1', 'p2', 'p4']],
      ['editors.name = author.name', ['p2', 'p3']],
    ]);
  });

  it('shares the joined row between comparisons of one path', async () => {
    await runRows(fx, [
      ["editors.name ?= 'Bob' && editors.verified ?= true", []],
      ["editors.name ?= 'Ann' && editors.verified ?= true", ['p1', 'p4']],
      ["editors.name ?= 'Bob' || editors.verified ?= true", ['p1', 'p2', 'p4']],
      ["(editors.name ?= 'Bob' && title ~ 'there') || views < 0", ['p2', 'p4']],
    ]);
  });
});

describe('back-relations', () => {
  it('joins the records pointing to the current one', async () => {
    await runRows(fx, [
      ["comments_via_post.text ?~ 'great'", ['p1', 'p2']],
      ["comments_via_post.text ~ 'great'", ['p2']],
      ["comments_via_post.text !~ 'meh'", ['p2']],
      ["comments_via_post.text != 'meh'", ['p2', 'p3', 'p4']],
      ["comments_via_post.author.name ?= 'Bob'", ['p1']],
      ["comments_via_post.id ?= 'c3'", ['p2']],
      ['comments_via_post:length = 2', ['p1']],
      ["bundles_via_posts.name ?= 'B2'", ['p2']],
      ["bundles_via_posts.name = 'B1'", ['p1']],
    ]);
  });

  it('treats a uniquely indexed single relation as single-valued', async () => {
    await runRows(fx, [
      ['likes_via_post.n = 3', ['p1']],
      ['likes_via_post.n > 0', ['p1', 'p3']],
      ['likes_via_post.n = null', ['p2', 'p4']],
    ]);
  });

  it('rejects invalid back-relations', async () => {
    await runRows(fx, [
      ["comments_via_text.id = 'x'", 'invalid'],
      ["members_via_user.id = 'x'", 'invalid'],
      ["nope_via_post.id = 'x'", 'invalid'],
    ]);
  });

  it('works from another collection', async () => {
    await runRows(
      fx,
      [
        ["posts_via_author.title ?~ 'hello'", ['u1', 'u2']],
        ["comments_via_author.post.title ?= 'hello there'", ['u1']],
        ["members_via_user.team.name ?= 'Blue'", ['u2']],
      ],
      { table: 'users' },
    );
  });
});

describe('@collection joins', () => {
  it('joins every record of another collection, shared per alias', async () => {
    const u1 = fx.users.u1;
    const u2 = fx.users.u2;
    const membership = '@collection.members.user ?= @request.auth.id && @collection.members.team ?= author.team';
    await runRows(fx, [
      [membership, ['p1'], { who: u1 }],
      [membership, ['p2'], { who: u2 }],
      [membership, []],
      ["@collection.members.user ?= 'u1' && @collection.members.team ?= 't2'", []],
      ["@collection.members:m1.user ?= 'u1' && @collection.members:m2.team ?= 't2'", ALL],
      ["@collection.members.user = 'u1'", []],
      ['@collection.members.user ?= author', ['p1', 'p2']],
      ["@collection.c_members.team.name ?= 'Red'", ALL],
      ["@collection.teams.lead.name ?= 'Bob'", ALL],
      ["@collection.nope.id ?= 'x'", 'invalid'],
      ["@collection.members.nope ?= 'x'", 'invalid'],
      ["@collection.members:a:b.user ?= 'x'", 'invalid'],
    ]);
  });
});
