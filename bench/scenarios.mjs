import { BENCH_USER } from './schema.mjs';

const FILTER = encodeURIComponent('published = true');
export const LIST_PATH = `/api/collections/posts/records?filter=${FILTER}&sort=-created&perPage=30`;

const view = (ids) => ids.map((id) => `/api/collections/posts/records/${id}`);

/**
 * The measured scenarios. `ctx`: {postIds, noteIds, userId, connections}. `auth: true` sends the bench
 * user's token (each server issues its own). Order matters: reads first, then writes, then auth.
 * auth-with-password is bound by bcrypt, so it runs at 8 connections: more only queue behind the hashing.
 */
export function mainScenarios(ctx) {
  const c = ctx.connections;
  return [
    { name: 'view', label: 'view by id (public rule)', method: 'GET', paths: view(ctx.postIds), connections: c },
    {
      name: 'view-owner',
      label: 'view, owner rule (author = @request.auth.id)',
      method: 'GET',
      paths: ctx.noteIds.map((id) => `/api/collections/notes/records/${id}`),
      auth: true,
      connections: c,
    },
    {
      name: 'list-total',
      label: 'list 30, filter + sort, with totals',
      method: 'GET',
      paths: [LIST_PATH],
      connections: c,
    },
    {
      name: 'list-skiptotal',
      label: 'list 30, filter + sort, skipTotal',
      method: 'GET',
      paths: [`${LIST_PATH}&skipTotal=1`],
      connections: c,
    },
    {
      name: 'list-expand',
      label: 'list 30 + expand=author, skipTotal',
      method: 'GET',
      paths: [`${LIST_PATH}&skipTotal=1&expand=author`],
      connections: c,
    },
    {
      name: 'create',
      label: 'create, rule on @request.auth (c=50)',
      method: 'POST',
      paths: ['/api/collections/notes/records'],
      body: JSON.stringify({ title: 'a new note', author: ctx.userId }),
      auth: true,
      connections: 50,
    },
    {
      name: 'update',
      label: 'update with views+ modifier',
      method: 'PATCH',
      paths: view(ctx.postIds),
      body: JSON.stringify({ 'views+': 1 }),
      connections: c,
    },
    {
      name: 'auth-password',
      label: 'auth-with-password (bcrypt cost 10, c=8)',
      method: 'POST',
      paths: ['/api/collections/users/auth-with-password'],
      body: JSON.stringify({ identity: BENCH_USER.email, password: BENCH_USER.password }),
      connections: Math.min(c, 8),
    },
    {
      name: 'auth-refresh',
      label: 'auth-refresh',
      method: 'POST',
      paths: ['/api/collections/users/auth-refresh'],
      auth: true,
      connections: c,
    },
  ];
}

export const SCENARIO_NAMES = mainScenarios({ postIds: [], noteIds: [], userId: '', connections: 1 }).map(
  (s) => s.name,
);

/** The scenarios measured at two table sizes to show how cost grows with data. */
export const GROWTH_SCENARIOS = ['view', 'list-skiptotal'];
