import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import fc from 'fast-check';
import type { Collection } from '../../src/core/collection.js';
import { isApiError } from '../../src/core/errors.js';
import { GUEST, type Requester, requestInfo } from '../../src/core/request.js';
import type { Condition } from '../../src/core/rules-sql/index.js';
import { OPERATORS } from '../../src/rules/index.js';
import { sql } from '../../src/store/sql.js';
import { type Fixture, openFixture } from './fixture.js';
import { conditions } from './helpers.js';

let fx: Fixture;
before(async () => {
  fx = await openFixture();
});
after(async () => fx.close());

const IDENTS = [
  'id',
  'title',
  'views',
  'published',
  'tags',
  'tags:each',
  'tags:length',
  'editors',
  'editors:each',
  'editors.name',
  'editors.team.name',
  'author.name',
  'author.id',
  'author.email',
  'author.roles:each',
  'meta',
  'meta.a.b',
  'meta.items.0.price',
  'location.lat',
  'created',
  'secretNote',
  'reviewer.name',
  'lockedRef.name',
  'comments_via_post.text',
  'comments_via_post:length',
  'likes_via_post.n',
  'bundles_via_posts.name',
  'title:lower',
  'title:isset',
  'title:changed',
  'title:bogus',
  'nope',
  'nope.deeper',
  '@now',
  '@todayStart',
  '@weekday',
  '@random',
  '@rowid',
  '@nope',
  '@request.auth.id',
  '@request.auth.team.name',
  '@request.auth.roles:each',
  '@request.auth.email:lower',
  '@request.query.q',
  '@request.query.q:isset',
  '@request.headers.h',
  '@request.method',
  '@request.context',
  '@request.body.title',
  '@request.body.title:changed',
  '@request.body.tags:each',
  '@request.body.tags:length',
  '@request.body.editors.name',
  '@request.body.meta.x.0',
  '@request.data.x',
  '@request.body',
  '@collection.members.user',
  '@collection.members:m.team.name',
  '@collection.nope.id',
  'comments_via_nope.id',
  'author.team.lead.team.lead.team.lead.name',
];

const TEXT_CHARS = ['a', 'Z', ' ', "'", '"', '\\', '%', '_', ';', '-', ')', '('];
const text = fc
  .tuple(fc.string({ unit: fc.constantFrom(...TEXT_CHARS), maxLength: 8 }), fc.constantFrom("'", '"'))
  .map(([body, q]) => `${q}${body.replaceAll(q, `\\${q}`)}${q}`)
  .filter((t) => !t.endsWith(`\\${t[0]}`) || t.length > 3);

const literal = fc.oneof(
  fc.integer({ min: -1000, max: 1000 }).map(String),
  fc.double({ min: -1e6, max: 1e6, noNaN: true }).map((n) => n.toFixed(3)),
  text,
  fc.constantFrom('true', 'false', 'null'),
);

const operand: fc.Arbitrary<string> = fc.letrec((tie) => ({
  value: fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom(...IDENTS) },
    { weight: 2, arbitrary: literal },
    { weight: 1, arbitrary: tie('func') },
  ),
  func: fc.oneof(
    fc.tuple(tie('value'), tie('value'), tie('value'), tie('value')).map((a) => `geoDistance(${a.join(', ')})`),
    fc.tuple(text, fc.array(tie('value'), { maxLength: 3 })).map(([f, rest]) => `strftime(${[f, ...rest].join(', ')})`),
    fc
      .tuple(fc.constantFrom('strftime', 'geoDistance', 'lower'), fc.array(tie('value'), { maxLength: 4 }))
      .map(([name, args]) => `${name}(${args.join(', ')})`),
  ),
})).value as fc.Arbitrary<string>;

const comparison = fc.tuple(operand, fc.constantFrom(...OPERATORS), operand).map(([l, op, r]) => `${l} ${op} ${r}`);

const filter: fc.Arbitrary<string> = fc.letrec((tie) => ({
  expr: fc.oneof(
    { weight: 3, arbitrary: comparison },
    {
      weight: 1,
      arbitrary: fc.tuple(tie('expr'), fc.constantFrom('&&', '||'), tie('expr')).map(([a, j, b]) => `${a} ${j} ${b}`),
    },
    { weight: 1, arbitrary: tie('expr').map((e) => `(${e})`) },
  ),
})).expr as fc.Arbitrary<string>;

const mutated = fc
  .tuple(
    filter,
    fc.array(
      fc.tuple(fc.nat(), fc.nat(3), fc.constantFrom('', "'", '"', '(', ')', ':', '.', '@', ' ', '&&', '?', '\\')),
      { maxLength: 3 },
    ),
  )
  .map(([src, edits]) => {
    let out = src;
    for (const [at, del, ins] of edits) {
      const i = out.length === 0 ? 0 : at % out.length;
      out = out.slice(0, i) + ins + out.slice(i + del);
    }
    return out;
  });

const REQUESTERS = (): Requester[] => [GUEST, fx.users.u1 as Requester, fx.users.su as Requester];
const INFO = {
  query: { q: "x'; --" },
  headers: { h: '%' },
  body: { title: 'x', tags: ['a'], editors: ['u1', "'"], meta: { x: [1] } },
};

/** Compiles and runs; only 400 ApiErrors may escape compilation, and the SQL must always run. */
async function check(src: string, mode: 'rule' | 'filter' | 'sort', who: Requester): Promise<void> {
  const posts = fx.collections.posts as Collection;
  let cond: Condition;
  try {
    cond = conditions[mode](fx.app, posts, src, requestInfo(who, INFO));
  } catch (error) {
    assert.ok(isApiError(error) && error.kind === 'invalid', `${mode} ${JSON.stringify(src)} threw ${String(error)}`);
    return;
  }
  const query =
    mode === 'sort'
      ? sql`SELECT "__r"."id" FROM "posts" AS "__r" ORDER BY ${cond.sql ? cond : sql.raw('1')}`
      : sql`SELECT "__r"."id" FROM "posts" AS "__r" WHERE (${cond})`;
  await fx.store.all(query);
  compiled++;
}

let compiled = 0;

describe('random filters (property)', () => {
  it('compile to runnable SQL or fail with a 400', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(filter, mutated),
        fc.constantFrom(0, 1, 2),
        fc.constantFrom('rule', 'filter') as fc.Arbitrary<'rule' | 'filter'>,
        async (src, who, mode) => {
          await check(src, mode, REQUESTERS()[who] as Requester);
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('sort lists compile to runnable SQL or fail with a 400', async () => {
    const item = fc.tuple(fc.constantFrom('', '-', '+'), fc.constantFrom(...IDENTS)).map(([s, f]) => s + f);
    await fc.assert(
      fc.asyncProperty(
        fc.array(item, { minLength: 1, maxLength: 9 }).map((a) => a.join(',')),
        fc.constantFrom(0, 1, 2),
        async (src, who) => {
          await check(src, 'sort', REQUESTERS()[who] as Requester);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('leaves the tables intact', async () => {
    assert.ok(compiled > 100, `only ${compiled} generated inputs compiled`);
    const count = await fx.store.get<{ n: number }>('SELECT COUNT(*) AS n FROM "posts"');
    assert.equal(count?.n, 4);
  });
});
