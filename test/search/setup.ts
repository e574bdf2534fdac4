import assert from 'node:assert/strict';
import type { Dialect } from '../harness/index.js';
import { createCollection, makeEnv, type RecordsEnv, signUp } from '../records/setup.js';

export interface SearchEnv extends RecordsEnv {
  /** record ids by short name */
  ids: Record<string, string>;
  ana: { id: string };
  /** GET /api/collections/posts/records with the given query, as `as` (guest when omitted) */
  list(params: Record<string, string>, as?: string): Promise<{ status: number; json: any }>;
  /** ids of the items of a successful list, in order */
  idsOf(json: any): string[];
  /** short names of the items of a successful list, in order */
  names(json: any): string[];
}

/** The job-board posts every search suite starts from: name → [title, body, status, owned by ana]. */
export const POSTS: Record<string, [string, string, string, boolean]> = {
  ts: ['Senior TypeScript engineer', '<p>Build <strong>search</strong> in Berlin</p>', 'published', false],
  junior: ['Junior engineer', 'Café in München, remote', 'published', false],
  designer: ['Senior designer', 'Berlin studio', 'draft', true],
  manager: ['Engineering manager', 'engineer engineer engineer senior', 'published', false],
  chef: ['Chef', 'Fish & <chips> for the canteen', 'published', false],
};

/**
 * An app with `posts` (title text, body editor, contact email, site url, count number, status
 * select, owner → users with cascade delete; listed when published or owned; searchable on title
 * and body) holding POSTS, and the user `ana` (token key `ana`).
 */
export async function makeSearchEnv(dialect: Dialect): Promise<SearchEnv> {
  const env = await makeEnv(dialect);
  const ana = await signUp(env, 'ana', 'ana@example.com');
  await createCollection(env, {
    name: 'posts',
    listRule: 'status = "published" || owner = @request.auth.id',
    viewRule: '',
    createRule: '',
    updateRule: '',
    deleteRule: '',
    fields: [
      { name: 'title', type: 'text' },
      { name: 'body', type: 'editor' },
      { name: 'contact', type: 'email' },
      { name: 'site', type: 'url' },
      { name: 'count', type: 'number' },
      { name: 'status', type: 'select', values: ['draft', 'published'], maxSelect: 1 },
      { name: 'owner', type: 'relation', collectionId: '_pb_users_auth_', maxSelect: 1, cascadeDelete: true },
      { name: 'created', type: 'autodate', onCreate: true, onUpdate: false },
    ],
    searchFields: ['title', 'body'],
  });
  const ids: Record<string, string> = {};
  for (const [name, [title, body, status, owned]] of Object.entries(POSTS)) {
    const res = await env.api(
      'POST',
      '/api/collections/posts/records',
      { title, body, status, owner: owned ? ana.id : '', contact: `${name}@jobs.example.com` },
      'su',
    );
    assert.equal(res.status, 200, JSON.stringify(res.json));
    ids[name] = res.json.id;
  }
  const list = (params: Record<string, string>, as?: string) =>
    env.api('GET', `/api/collections/posts/records?${new URLSearchParams(params)}`, undefined, as);
  const idsOf = (json: any): string[] => (json.items as Array<{ id: string }>).map((i) => i.id);
  const names = (json: any): string[] =>
    idsOf(json).map((id) => Object.keys(ids).find((k) => ids[k] === id) ?? `?${id}`);
  return { ...env, ids, ana, list, idsOf, names };
}
