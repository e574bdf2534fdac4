/**
 * URL → action: what a batch sub-request asks for. Only record writes can be batched:
 *
 *   POST   /api/collections/{c}/records        create
 *   PUT    /api/collections/{c}/records        upsert (update when `body.id` names a record, else create)
 *   PATCH  /api/collections/{c}/records/{id}   update
 *   DELETE /api/collections/{c}/records/{id}   delete
 *
 * with any query string (`expand`, `fields`). Everything else, `/api/batch` itself included, is
 * unsupported and fails its sub-request when it runs.
 */
import type { App } from '../app.js';
import type { Collection } from '../collection.js';
import type { BatchMethod, BatchRequest } from './request.js';

export type BatchAction = 'create' | 'update' | 'upsert' | 'delete';

/** What a sub-request targets; `action` null when it is not a batchable operation. */
export interface BatchTarget {
  action: BatchAction | null;
  /** the collection id or name of the URL ('' when unsupported) */
  collectionRef: string;
  /** the record id of the URL (update, delete) */
  id: string;
  /** the query parameters (first value of each) */
  query: Record<string, string>;
}

const ACTIONS: Record<string, BatchAction | undefined> = {
  'POST records': 'create',
  'PUT records': 'upsert',
  'PATCH record': 'update',
  'DELETE record': 'delete',
};

const UNSUPPORTED = (query: Record<string, string>): BatchTarget => ({
  action: null,
  collectionRef: '',
  id: '',
  query,
});

function decode(segment: string): string | null {
  try {
    return decodeURIComponent(segment);
  } catch {
    return null;
  }
}

function parseQuery(search: string): Record<string, string> {
  const query: Record<string, string> = {};
  try {
    for (const [k, v] of new URLSearchParams(search)) if (!Object.hasOwn(query, k)) query[k] = v;
  } catch {
    // URLSearchParams tolerates malformed escapes; nothing to do
  }
  return query;
}

/** Resolves a sub-request's method and URL into an action on a collection; never throws. */
export function resolveBatchTarget(method: BatchMethod, url: string): BatchTarget {
  const q = url.indexOf('?');
  const path = q === -1 ? url : url.slice(0, q);
  const query = parseQuery(q === -1 ? '' : url.slice(q + 1));
  if (!path.startsWith('/')) return UNSUPPORTED(query);
  // the server's router ignores duplicate and trailing slashes: so does this
  const segments = path.split('/').filter((s) => s !== '');
  if (segments[0] !== 'api' || segments[1] !== 'collections' || segments[3] !== 'records') return UNSUPPORTED(query);
  if (segments.length !== 4 && segments.length !== 5) return UNSUPPORTED(query);
  const action = ACTIONS[`${method} ${segments.length === 4 ? 'records' : 'record'}`];
  const collectionRef = decode(segments[2] as string);
  const id = segments.length === 5 ? decode(segments[4] as string) : '';
  if (!action || collectionRef === null || id === null) return UNSUPPORTED(query);
  return { action, collectionRef, id, query };
}

/** A sub-request's collection and action, for per-collection rules such as rate limits. */
export interface BatchStepTarget {
  index: number;
  action: BatchAction | null;
  /** undefined when the collection is unknown or the action unsupported */
  collection: Collection | undefined;
}

/**
 * The collection and action of every sub-request, without running anything: what a rate limiter
 * needs to count sub-requests per collection (`posts:create`, `*:create`). An upsert's final
 * action (create or update) is only known when it runs; see `BatchOptions.beforeEach`.
 */
export function resolveBatchTargets(app: App, requests: readonly BatchRequest[]): BatchStepTarget[] {
  return requests.map((r, index) => {
    const target = resolveBatchTarget(r.method, r.url);
    const collection = target.action ? app.collections.find(target.collectionRef) : undefined;
    return { index, action: target.action, collection };
  });
}
