import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { App } from '../../src/core/app.js';
import type { Collection, Field, FieldTypeName } from '../../src/core/collection.js';
import { isMultiple } from '../../src/core/collection.js';
import type { Requester } from '../../src/core/request.js';
import { SqliteStore } from '../../src/store/sqlite/store.js';

type FieldSpec = Partial<Field> & { name: string; type: FieldTypeName };

let fieldSeq = 0;

function field(spec: FieldSpec): Field {
  fieldSeq++;
  return { id: `f${fieldSeq}`, system: false, hidden: false, presentable: false, ...spec };
}

function collection(id: string, name: string, fields: FieldSpec[], extra: Partial<Collection> = {}): Collection {
  return {
    id,
    name,
    type: 'base',
    system: false,
    fields: [field({ name: 'id', type: 'text', primaryKey: true, system: true }), ...fields.map(field)],
    indexes: [],
    listRule: '',
    viewRule: '',
    createRule: '',
    updateRule: '',
    deleteRule: '',
    created: '',
    updated: '',
    ...extra,
  };
}

const rel = (name: string, collectionId: string, maxSelect = 1, extra: Partial<Field> = {}): FieldSpec => ({
  name,
  type: 'relation',
  collectionId,
  maxSelect,
  ...extra,
});

/** The collections of the scenario tables; posts is the main one. */
export function schema(): Collection[] {
  return [
    collection(
      'c_users',
      'users',
      [
        { name: 'email', type: 'email' },
        { name: 'emailVisibility', type: 'bool' },
        { name: 'verified', type: 'bool' },
        { name: 'name', type: 'text' },
        { name: 'secret', type: 'text', hidden: true },
        rel('team', 'c_teams'),
        { name: 'roles', type: 'select', maxSelect: 3, values: ['admin', 'editor', 'x'] },
        { name: 'created', type: 'autodate' },
      ],
      { type: 'auth' },
    ),
    collection('c_teams', 'teams', [{ name: 'name', type: 'text' }, rel('lead', 'c_users')], {
      listRule: "name != 'Blue'",
    }),
    collection('c_posts', 'posts', [
      { name: 'title', type: 'text' },
      { name: 'body', type: 'text' },
      { name: 'views', type: 'number' },
      { name: 'published', type: 'bool' },
      rel('author', 'c_users'),
      { name: 'tags', type: 'select', maxSelect: 5, values: ['a', 'b', 'c'] },
      rel('editors', 'c_users', 10),
      { name: 'meta', type: 'json' },
      { name: 'location', type: 'geoPoint' },
      { name: 'created', type: 'autodate' },
      { name: 'category', type: 'select', maxSelect: 1, values: ['news', 'tech'] },
      { name: 'secretNote', type: 'text', hidden: true },
      rel('reviewer', 'c_users', 1, { hidden: true }),
      rel('lockedRef', 'c_locked'),
    ]),
    collection(
      'c_comments',
      'comments',
      [
        rel('post', 'c_posts'),
        { name: 'text', type: 'text' },
        rel('author', 'c_users'),
        rel('hiddenPost', 'c_posts', 1, { hidden: true }),
      ],
      { listRule: "text != 'meh'" },
    ),
    collection('c_likes', 'likes', [rel('post', 'c_posts'), { name: 'n', type: 'number' }], {
      indexes: ['CREATE UNIQUE INDEX `idx_likes_post` ON `likes` (`post`)'],
    }),
    collection('c_members', 'members', [rel('user', 'c_users'), rel('team', 'c_teams')]),
    collection('c_bundles', 'bundles', [rel('posts', 'c_posts', 5), { name: 'name', type: 'text' }]),
    collection('c_locked', 'locked', [{ name: 'name', type: 'text' }], { listRule: null }),
    collection('c_super', '_superusers', [{ name: 'email', type: 'email' }], {
      type: 'auth',
      listRule: null,
      system: true,
    }),
  ];
}

function columnType(f: Field): string {
  if (f.name === 'id') return 'TEXT PRIMARY KEY NOT NULL';
  if (isMultiple(f)) return "JSON DEFAULT '[]' NOT NULL";
  switch (f.type) {
    case 'number':
      return 'NUMERIC DEFAULT 0 NOT NULL';
    case 'bool':
      return 'BOOLEAN DEFAULT FALSE NOT NULL';
    case 'json':
      return 'JSON DEFAULT NULL';
    case 'geoPoint':
      return `JSON DEFAULT '{"lon":0,"lat":0}' NOT NULL`;
    default:
      return "TEXT DEFAULT '' NOT NULL";
  }
}

function encode(value: unknown): unknown {
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (value !== null && typeof value === 'object') return JSON.stringify(value);
  return value;
}

const ROWS: Record<string, Array<Record<string, unknown>>> = {
  users: [
    {
      id: 'u1',
      email: 'ann@x.io',
      emailVisibility: true,
      verified: true,
      name: 'Ann',
      secret: 's1',
      team: 't1',
      roles: ['admin', 'editor'],
    },
    {
      id: 'u2',
      email: 'bob@x.io',
      emailVisibility: false,
      verified: false,
      name: 'Bob',
      secret: 's2',
      team: 't2',
      roles: [],
    },
    { id: 'u3', email: '', emailVisibility: true, name: '', roles: ['editor'] },
  ],
  teams: [
    { id: 't1', name: 'Red', lead: 'u1' },
    { id: 't2', name: 'Blue', lead: 'u2' },
  ],
  posts: [
    {
      id: 'p1',
      title: 'Hello World',
      body: '100% sure_thing',
      views: 10,
      published: true,
      author: 'u1',
      tags: ['a', 'b'],
      editors: ['u1', 'u2'],
      meta: { a: { b: 1 }, items: [{ price: 5 }], s: 'x' },
      location: { lon: 23.32, lat: 42.69 },
      created: '2024-01-15 10:00:00.000Z',
      category: 'news',
      secretNote: 'n1',
      reviewer: 'u2',
      lockedRef: 'k1',
    },
    {
      id: 'p2',
      title: 'hello there',
      body: 'back\\slash',
      views: 0,
      published: false,
      author: 'u2',
      tags: ['b'],
      editors: ['u2'],
      meta: null,
      location: { lon: 0, lat: 0 },
      created: '2025-06-01 00:00:00.000Z',
    },
    {
      id: 'p3',
      title: '',
      body: '',
      views: 5,
      published: true,
      tags: [],
      editors: [],
      meta: { a: { b: 2 } },
      location: { lon: 2.35, lat: 48.86 },
      created: '2026-03-10 12:30:00.000Z',
      category: 'tech',
    },
    {
      id: 'p4',
      title: "O'Reilly; DROP TABLE posts; --",
      body: 'a_b',
      views: -3.5,
      published: false,
      author: 'u3',
      tags: ['c'],
      editors: ['u1', 'zz'],
      meta: [1, 2, 3],
      location: { lon: 0, lat: 0 },
      created: '',
    },
  ],
  comments: [
    { id: 'c1', post: 'p1', text: 'great post', author: 'u1' },
    { id: 'c2', post: 'p1', text: 'meh', author: 'u2' },
    { id: 'c3', post: 'p2', text: 'great', author: 'u1' },
  ],
  likes: [
    { id: 'l1', post: 'p1', n: 3 },
    { id: 'l2', post: 'p3', n: 1 },
  ],
  members: [
    { id: 'm1', user: 'u1', team: 't1' },
    { id: 'm2', user: 'u2', team: 't2' },
  ],
  bundles: [
    { id: 'b1', posts: ['p1', 'p2'], name: 'B1' },
    { id: 'b2', posts: ['p2'], name: 'B2' },
  ],
  locked: [{ id: 'k1', name: 'K' }],
  _superusers: [{ id: 'su1', email: 'root@x.io' }],
};

export interface Fixture {
  readonly app: App;
  readonly store: SqliteStore;
  readonly collections: Record<string, Collection>;
  readonly users: Record<string, Requester>;
  close(): Promise<void>;
}

export async function openFixture(): Promise<Fixture> {
  const dir = mkdtempSync(join(tmpdir(), 'basalt-rules-sql-'));
  const store = new SqliteStore(join(dir, 'data.db'));
  await store.init();
  const list = schema();
  for (const c of list) {
    const q = store.dialect.quote;
    const cols = c.fields.map((f) => `${q(f.name)} ${columnType(f)}`).join(', ');
    await store.exec(`CREATE TABLE ${q(c.name)} (${cols})`);
    for (const row of ROWS[c.name] ?? []) {
      const keys = Object.keys(row);
      await store.run(
        `INSERT INTO ${q(c.name)} (${keys.map(q).join(', ')}) VALUES (${keys.map(() => '?').join(', ')})`,
        keys.map((k) => encode(row[k])),
      );
    }
  }
  const app = new App(store, { dataDir: dir, bodyLimit: 0 }, pino({ enabled: false }));
  app.collections.replace(list);
  const collections = Object.fromEntries(list.map((c) => [c.name, app.collections.find(c.id) as Collection]));
  const userRow = (id: string) => (ROWS.users ?? []).find((r) => r.id === id) ?? null;
  const users: Record<string, Requester> = {
    u1: { record: userRow('u1'), collection: collections.users as Collection, isSuperuser: false },
    u2: { record: userRow('u2'), collection: collections.users as Collection, isSuperuser: false },
    su: {
      record: { id: 'su1', email: 'root@x.io' },
      collection: collections._superusers as Collection,
      isSuperuser: true,
    },
  };
  return {
    app,
    store,
    collections,
    users,
    async close() {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
