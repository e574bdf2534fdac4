import type { BatchSettings } from '../../src/core/settings/settings.js';
import type { Dialect, TestApp } from '../harness/index.js';
import { createCollection, makeEnv, type RecordsEnv } from '../records/setup.js';

/** Puts batch settings in force on a running app (the settings API is not needed for that). */
export function setBatch(t: TestApp, batch: Partial<BatchSettings>): void {
  const current = structuredClone(t.app.settings.get());
  t.app.settings.replace({ ...current, batch: { ...current.batch, ...batch } });
}

export const ON: Partial<BatchSettings> = { enabled: true, maxRequests: 50, timeout: 3, maxBodySize: 0 };

/**
 * An app with batches on and the collections the batch suites use:
 * - `posts`: title (required, 3+ characters), author → users; open rules
 * - `tags`: name (required); open rules
 * - `locked`: every rule null (superusers only)
 * - `headered`: create needs `@request.headers.x_token = "ok"`
 * - `batched`: create needs `@request.context = "batch"`
 * - `slow`: open rules; tests bind slow model-event handlers to it
 * - `post_titles`: a view over posts
 */
export async function makeBatchEnv(dialect: Dialect): Promise<RecordsEnv> {
  const env = await makeEnv(dialect);
  const open = { listRule: '', viewRule: '', createRule: '', updateRule: '', deleteRule: '' };
  await createCollection(env, {
    name: 'posts',
    ...open,
    fields: [
      { name: 'title', type: 'text', required: true, min: 3 },
      { name: 'author', type: 'relation', collectionId: '_pb_users_auth_', maxSelect: 1 },
    ],
  });
  await createCollection(env, { name: 'tags', ...open, fields: [{ name: 'name', type: 'text', required: true }] });
  await createCollection(env, { name: 'locked', fields: [{ name: 'note', type: 'text' }] });
  await createCollection(env, {
    name: 'headered',
    ...open,
    createRule: '@request.headers.x_token = "ok"',
    fields: [{ name: 'note', type: 'text' }],
  });
  await createCollection(env, {
    name: 'batched',
    ...open,
    createRule: '@request.context = "batch"',
    fields: [{ name: 'note', type: 'text' }],
  });
  await createCollection(env, { name: 'slow', ...open, fields: [{ name: 'note', type: 'text' }] });
  await createCollection(env, {
    name: 'post_titles',
    type: 'view',
    listRule: '',
    viewRule: '',
    viewQuery: 'SELECT id, title FROM posts',
  });
  setBatch(env.t, ON);
  return env;
}

/** Every record of a collection, as the superuser sees it, sorted by id. */
export async function allRecords(env: RecordsEnv, collection: string): Promise<any[]> {
  const res = await env.api('GET', `/api/collections/${collection}/records?perPage=500&sort=id`, undefined, 'su');
  if (res.status !== 200) throw new Error(`list ${collection}: ${res.status} ${JSON.stringify(res.json)}`);
  return res.json.items;
}
