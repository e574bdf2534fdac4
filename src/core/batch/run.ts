/**
 * The batch transaction: every sub-request runs in order inside one transaction, through the same
 * request events, services, rules and validation as a single request (with `@request.context =
 * "batch"`). The first failure rolls everything back. "After success" events (and so realtime)
 * fire only once the transaction has committed: the model-event seam files them under it.
 */

import type { Queryable } from '../../store/store.js';
import type { App } from '../app.js';
import type { Collection } from '../collection.js';
import { CustomResponse } from '../custom-response.js';
import { Errors } from '../errors.js';
import { findRecordById } from '../records/lookup.js';
import { createRecordRequest, deleteRecordRequest, updateRecordRequest } from '../records/requests.js';
import type { RequestInfo } from '../request.js';
import { abortableDb } from './abortable-db.js';
import type { BatchRequest } from './request.js';
import { resolveBatchTarget } from './resolve.js';

/** One sub-response, in request order. */
export interface BatchResult {
  status: number;
  /** the JSON body; null for a 204 */
  body: unknown;
}

/** A sub-request about to run, with its final action (an upsert has become a create or an update). */
export interface BatchStep {
  index: number;
  action: 'create' | 'update' | 'delete';
  collection: Collection;
  request: BatchRequest;
}

export interface BatchOptions {
  /** the batch request's own view: its requester and headers are the sub-requests' */
  info: RequestInfo;
  /** the whole transaction's time limit */
  timeoutMs: number;
  /** fires when the client goes away: the transaction is rolled back as on a timeout */
  signal?: AbortSignal;
  /** shapes a sub-response body from its query (the HTTP layer applies `?fields=`); may throw to fail it */
  shape?: (body: unknown, query: Readonly<Record<string, string>>) => unknown;
  /**
   * Runs before each sub-request with its collection and final action, inside the transaction;
   * throwing fails that sub-request. The seam for per-collection rate limits of sub-requests.
   */
  beforeEach?: (step: BatchStep) => void | Promise<void>;
}

/** The sub-request at `index` failed with `cause` (an API error, usually); nothing was saved. */
export class BatchRequestFailure extends Error {
  constructor(
    readonly index: number,
    cause: unknown,
  ) {
    super(`batch request ${index} failed`, { cause });
  }
}

/** Header names as rules see them (lower snake_case), as for the outer request. */
const ruleHeaderName = (name: string) => name.toLowerCase().replaceAll('-', '_');

/** The sub-request's headers over a copy of the batch's; its own Authorization never counts. */
function mergeHeaders(outer: Record<string, string>, own: Record<string, string>): Record<string, string> {
  const headers = { ...outer };
  for (const [name, value] of Object.entries(own)) {
    const key = ruleHeaderName(name);
    if (key !== 'authorization' && key !== '__proto__') headers[key] = value;
  }
  return headers;
}

/** The `@request.*` view of one sub-request; headers are merged only when a rule reads them. */
function subRequestInfo(base: RequestInfo, r: BatchRequest, query: Record<string, string>): RequestInfo {
  let headers: Record<string, string> | undefined;
  return {
    requester: base.requester,
    method: r.method,
    get headers() {
      headers ??= mergeHeaders(base.headers, r.headers);
      return headers;
    },
    query,
    body: r.body,
    context: 'batch',
  };
}

function writableCollection(app: App, ref: string): Collection {
  const c = app.collections.find(ref);
  if (!c) throw Errors.missingOrInvalidCollectionContext();
  if (c.type === 'view') throw Errors.unsupportedCollectionType();
  return c;
}

/** Runs one sub-request on `db` (the batch transaction) as its single-request route would. */
async function runStep(
  app: App,
  db: Queryable,
  index: number,
  r: BatchRequest,
  opts: BatchOptions,
): Promise<BatchResult> {
  const target = resolveBatchTarget(r.method, r.url);
  if (!target.action) throw Errors.badRequest();
  const info = subRequestInfo(opts.info, r, target.query);
  const shape = (body: unknown) => (opts.shape ? opts.shape(body, target.query) : body);
  if (target.action === 'delete') {
    const collection = app.collections.find(target.collectionRef);
    if (!collection) throw Errors.missingCollectionContext();
    await opts.beforeEach?.({ index, action: 'delete', collection, request: r });
    const response = await deleteRecordRequest(app, collection, target.id, info, db);
    // a hook handler may answer with a body of its own
    if (response instanceof CustomResponse) return customResult(response, shape);
    return response === undefined ? { status: 204, body: null } : { status: 200, body: shape(response) };
  }
  const collection = writableCollection(app, target.collectionRef);
  let id: string | null = target.action === 'update' ? target.id : null;
  if (target.action === 'upsert') {
    const bodyId = r.body.id;
    if (typeof bodyId === 'string' && bodyId !== '' && (await findRecordById(db, collection, bodyId))) id = bodyId;
  }
  await opts.beforeEach?.({ index, action: id === null ? 'create' : 'update', collection, request: r });
  const submitted = { data: r.body, files: r.files };
  const expand = target.query.expand;
  const response =
    id === null
      ? await createRecordRequest(app, collection, submitted, expand, info, db)
      : await updateRecordRequest(app, collection, id, submitted, expand, info, db);
  if (response instanceof CustomResponse) return customResult(response, shape);
  return { status: 200, body: shape(response) };
}

/** A hook handler's own answer as a sub-response: JSON is shaped like any body, text kept, the rest empty. */
function customResult(r: CustomResponse, shape: (body: unknown) => unknown): BatchResult {
  if (r.kind === 'json') return { status: r.status, body: shape(r.body) };
  return { status: r.status, body: r.kind === 'text' ? String(r.body) : null };
}

/**
 * Runs a batch. Resolves with the sub-responses once the transaction has committed. Rejects with
 * `BatchRequestFailure` naming the first failing sub-request, or with 400 "Batch transaction failed."
 * (no data) when the time limit passes or the client goes away.
 *
 * On a timeout the answer does not wait for the sub-request in progress (a hook handler may be
 * slow): from then on every statement it sends is refused (abortable-db.ts), so its transaction
 * can only roll back, which it does as soon as that sub-request gives up.
 */
export async function runBatch(
  app: App,
  requests: readonly BatchRequest[],
  opts: BatchOptions,
): Promise<BatchResult[]> {
  const abort = new AbortController();
  // once the work is done and the commit is under way, stopping could only lie about the outcome
  let committing = false;
  let stop: (err: unknown) => void = () => {};
  const stopped = new Promise<never>((_, reject) => {
    stop = reject;
  });
  stopped.catch(() => {});
  const onAbort = () => {
    abort.abort();
    if (!committing) stop(Errors.batchTransactionFailed());
  };
  const timer = setTimeout(onAbort, opts.timeoutMs);
  opts.signal?.addEventListener('abort', onAbort);
  if (opts.signal?.aborted) onAbort();

  const work = app.store.transaction(async (tx) => {
    // the store may run this again after a serialization conflict (PostgreSQL): start afresh
    committing = false;
    const db = abortableDb(tx, abort.signal);
    const results: BatchResult[] = [];
    for (const [index, r] of requests.entries()) {
      if (abort.signal.aborted) throw Errors.batchTransactionFailed();
      try {
        results.push(await runStep(app, db, index, r, opts));
      } catch (err) {
        throw abort.signal.aborted ? Errors.batchTransactionFailed() : new BatchRequestFailure(index, err);
      }
    }
    if (abort.signal.aborted) throw Errors.batchTransactionFailed();
    committing = true;
    return results;
  });
  work.catch((err: unknown) => {
    if (abort.signal.aborted && !(err instanceof BatchRequestFailure))
      app.log.debug({ err }, 'batch transaction rolled back after a timeout or disconnect');
  });
  try {
    return await Promise.race([work, stopped]);
  } finally {
    clearTimeout(timer);
    opts.signal?.removeEventListener('abort', onAbort);
  }
}
