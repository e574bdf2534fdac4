import assert from 'node:assert/strict';
import type { Dialect } from '../harness/index.js';
import { createCollection, makeEnv, type RecordsEnv } from '../records/setup.js';

/** A 15-character record id made of `prefix` and a zero-padded number. */
export const rid = (prefix: string, n: number) => `${prefix}${String(n).padStart(15 - prefix.length, '0')}`;

export const USERS = '_pb_users_auth_';
export const PASSWORD = 'password-123';
export const U = { ana: 'useraaaaaaaaaaa', bo: 'userbbbbbbbbbbb', cy: 'userccccccccccc' } as const;
export const T = { red: rid('team', 1), blue: rid('team', 2) } as const;
export const P = {
  p1: rid('post', 1),
  p2: rid('post', 2),
  p3: rid('post', 3),
  p4: rid('post', 4),
  p5: rid('post', 5),
  p6: rid('post', 6),
} as const;
export const C = { c1: rid('comment', 1), c2: rid('comment', 2), c3: rid('comment', 3), c4: rid('comment', 4) };
export const PIN = { top: rid('pin', 1), sticky: rid('pin', 2) };
export const VAULT = rid('vault', 1);
export const ALL_POSTS = Object.values(P);

/** The order in which the posts are inserted (differs from id order on purpose). */
export const POST_INSERT_ORDER = [P.p2, P.p1, P.p3, P.p6, P.p5, P.p4];

export const COLLECTIONS = ['users', 'teams', 'members', 'vaults', 'posts', 'comments', 'pins'] as const;

const DAY = 86_400_000;

/** `YYYY-MM-DD HH:MM:SS.mmmZ`, the stored date layout. */
export const dbDate = (d: Date) => d.toISOString().replace('T', ' ');

export interface Fixture {
  env: RecordsEnv;
  /** collection name → collection id */
  ids: Record<string, string>;
  /** publishAt of p5 (three days ahead) and p6 (three days back) */
  future: string;
  past: string;
}

const posts = (future: string, past: string): Record<string, Record<string, unknown>> => ({
  [P.p1]: {
    title: 'Hello World',
    body: '<p>first post</p>',
    views: 10,
    published: true,
    tags: ['news', 'tech'],
    status: 'live',
    author: U.ana,
    coauthors: [U.bo, U.cy],
    team: T.red,
    vault: VAULT,
    reviewer: U.bo,
    meta: { a: { b: 1 }, list: [10, 20], s: 'x' },
    location: { lon: 23.32, lat: 42.69 },
    publishAt: '2024-01-15 10:00:00.000Z',
    secret: 's1',
  },
  [P.p2]: {
    title: '100% sure',
    body: 'underXscore',
    views: 0,
    published: false,
    tags: ['news'],
    status: 'draft',
    author: U.bo,
    coauthors: [U.ana],
    team: T.blue,
    reviewer: U.ana,
    meta: { a: { b: 2 }, list: [30], s: 'y' },
    location: { lon: 2.35, lat: 48.85 },
    publishAt: '2025-06-30 23:59:59.999Z',
    secret: 'top secret',
  },
  [P.p3]: { title: 'under_score', views: -3.5, published: true, author: U.ana, meta: null },
  [P.p4]: {
    title: 'back\\slash',
    body: '50%',
    views: 1000,
    tags: ['tech', 'misc'],
    status: 'live',
    coauthors: [U.bo, U.ana],
    team: T.red,
    meta: { a: { b: null }, s: 'y' },
    location: { lon: 23.3, lat: 42.7 },
    publishAt: '2024-12-31 00:00:00.000Z',
  },
  [P.p5]: {
    title: "O'Reilly",
    body: 'Ünïcödé ✓',
    views: 5,
    published: true,
    tags: ['news', 'misc'],
    status: 'draft',
    author: U.cy,
    coauthors: [U.cy],
    team: T.blue,
    meta: { list: [], n: 5 },
    publishAt: future,
  },
  [P.p6]: {
    title: 'say "hi"',
    body: 'plain',
    views: 42,
    tags: ['x_y'],
    status: 'draft',
    author: U.bo,
    team: T.red,
    meta: 5,
    publishAt: past,
  },
});

async function create(env: RecordsEnv, collection: string, id: string, body: Record<string, unknown>) {
  const res = await env.api('POST', `/api/collections/${collection}/records`, { id, ...body }, 'su');
  assert.equal(res.status, 200, `create ${collection}/${id}: ${JSON.stringify(res.json)}`);
  return res.json;
}

/** Users ana, bo, cy (tokens under those keys), teams, members, vaults, posts, comments and pins. */
export async function buildFixture(dialect: Dialect): Promise<Fixture> {
  const env = await makeEnv(dialect);
  const now = Date.now();
  const future = dbDate(new Date(now + 3 * DAY));
  const past = dbDate(new Date(now - 3 * DAY));
  const ids: Record<string, string> = { users: USERS };

  const open = { listRule: '', viewRule: '' };
  const users = await env.api('PATCH', `/api/collections/${USERS}`, open, 'su');
  assert.equal(users.status, 200, JSON.stringify(users.json));
  const people: Array<[keyof typeof U, string, boolean]> = [
    ['ana', 'Ana', true],
    ['bo', 'Bo', false],
    ['cy', 'Cy', true],
  ];
  for (const [key, name, emailVisibility] of people) {
    const email = `${key}@example.com`;
    await create(env, 'users', U[key], { email, name, emailVisibility, password: PASSWORD, passwordConfirm: PASSWORD });
    const auth = await env.api('POST', '/api/collections/users/auth-with-password', {
      identity: email,
      password: PASSWORD,
    });
    assert.equal(auth.status, 200, JSON.stringify(auth.json));
    env.tokens[key] = auth.json.token;
  }

  const teams = await createCollection(env, {
    name: 'teams',
    listRule: "name != 'Blue'",
    viewRule: '',
    fields: [{ name: 'name', type: 'text' }],
  });
  ids.teams = teams.id;
  const members = await createCollection(env, {
    name: 'members',
    ...open,
    fields: [
      { name: 'user', type: 'relation', collectionId: USERS, maxSelect: 1 },
      { name: 'team', type: 'relation', collectionId: teams.id, maxSelect: 1 },
      { name: 'role', type: 'select', values: ['owner', 'editor', 'viewer'], maxSelect: 1 },
    ],
  });
  ids.members = members.id;
  const vaults = await createCollection(env, { name: 'vaults', fields: [{ name: 'code', type: 'text' }] });
  ids.vaults = vaults.id;
  const rel = (name: string, collectionId: string, maxSelect = 1, extra: Record<string, unknown> = {}) => ({
    name,
    type: 'relation',
    collectionId,
    maxSelect,
    ...extra,
  });
  const postsCollection = await createCollection(env, {
    name: 'posts',
    ...open,
    fields: [
      { name: 'title', type: 'text' },
      { name: 'body', type: 'editor' },
      { name: 'views', type: 'number' },
      { name: 'published', type: 'bool' },
      { name: 'tags', type: 'select', values: ['news', 'tech', 'misc', 'x_y'], maxSelect: 4 },
      { name: 'status', type: 'select', values: ['draft', 'live'], maxSelect: 1 },
      rel('author', USERS),
      rel('coauthors', USERS, 5),
      rel('team', teams.id),
      rel('vault', vaults.id),
      rel('reviewer', USERS, 1, { hidden: true }),
      { name: 'meta', type: 'json' },
      { name: 'location', type: 'geoPoint' },
      { name: 'publishAt', type: 'date' },
      { name: 'secret', type: 'text', hidden: true },
      { name: 'created', type: 'autodate', onCreate: true, onUpdate: false },
      { name: 'updated', type: 'autodate', onCreate: true, onUpdate: true },
    ],
    indexes: ['CREATE UNIQUE INDEX idx_posts_title ON posts (title)', 'CREATE INDEX idx_posts_views ON posts (views)'],
  });
  ids.posts = postsCollection.id;
  const comments = await createCollection(env, {
    name: 'comments',
    ...open,
    fields: [
      rel('post', postsCollection.id),
      rel('author', USERS),
      { name: 'text', type: 'text' },
      { name: 'internal', type: 'text', hidden: true },
      rel('replyTo', postsCollection.id, 1, { hidden: true }),
      { name: 'created', type: 'autodate', onCreate: true, onUpdate: false },
    ],
  });
  ids.comments = comments.id;
  const pins = await createCollection(env, {
    name: 'pins',
    ...open,
    fields: [rel('post', postsCollection.id), { name: 'label', type: 'text' }],
    indexes: ['CREATE UNIQUE INDEX idx_pins_post ON pins (post)'],
  });
  ids.pins = pins.id;

  await create(env, 'teams', T.red, { name: 'Red' });
  await create(env, 'teams', T.blue, { name: 'Blue' });
  await create(env, 'members', rid('member', 1), { user: U.ana, team: T.red, role: 'owner' });
  await create(env, 'members', rid('member', 2), { user: U.bo, team: T.red, role: 'editor' });
  await create(env, 'members', rid('member', 3), { user: U.cy, team: T.blue, role: 'owner' });
  await create(env, 'vaults', VAULT, { code: 'v1' });
  const data = posts(future, past);
  for (const id of POST_INSERT_ORDER) await create(env, 'posts', id, data[id] ?? {});
  await create(env, 'comments', C.c1, { post: P.p1, author: U.bo, text: 'great post', internal: 'x', replyTo: P.p2 });
  await create(env, 'comments', C.c2, { post: P.p1, author: U.cy, text: 'meh' });
  await create(env, 'comments', C.c3, { post: P.p2, author: U.ana, text: 'GREAT!' });
  await create(env, 'comments', C.c4, { post: P.p4, author: U.ana, text: 'first!' });
  await create(env, 'pins', PIN.top, { post: P.p1, label: 'top' });
  await create(env, 'pins', PIN.sticky, { post: P.p3, label: 'sticky' });
  return { env, ids, future, past };
}

/** `k=v&…` with every value URL-encoded. */
export const query = (params: Record<string, string>) =>
  Object.entries(params)
    .map(([k, v]) => `${k}=${encodeURIComponent(v)}`)
    .join('&');

export interface Listing {
  status: number;
  json: any;
  ids: string[];
}

/** GET a record list with `params` (perPage=100 unless given) as `as` (token key; omitted = guest). */
export async function list(
  env: RecordsEnv,
  collection: string,
  params: Record<string, string>,
  as?: string,
  headers: Record<string, string> = {},
): Promise<Listing> {
  const url = `${env.t.url}/api/collections/${collection}/records?${query({ perPage: '100', ...params })}`;
  const h: Record<string, string> = { ...headers };
  if (as) h.authorization = env.tokens[as] ?? '';
  const res = await fetch(url, { headers: h });
  const text = await res.text();
  let json: any = null;
  try {
    json = JSON.parse(text);
  } catch {
    json = text;
  }
  const ids = res.status === 200 && Array.isArray(json?.items) ? json.items.map((r: { id: string }) => r.id) : [];
  return { status: res.status, json, ids };
}

/** Every record of every fixture collection, as the superuser sees it, ordered by id. */
export async function snapshot(env: RecordsEnv): Promise<Record<string, unknown[]>> {
  const out: Record<string, unknown[]> = {};
  for (const name of COLLECTIONS) {
    const res = await list(env, name, { perPage: '1000' }, 'su');
    assert.equal(res.status, 200, `${name}: ${JSON.stringify(res.json)}`);
    out[name] = [...res.json.items].sort((a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : 1));
  }
  return out;
}

export const GENERIC_400 = Object.freeze({
  data: {},
  message: 'Something went wrong while processing your request.',
  status: 400,
});
