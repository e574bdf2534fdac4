import type { Readable } from 'node:stream';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { App } from '../../../core/app.js';
import type { Collection } from '../../../core/collection.js';
import { Errors } from '../../../core/errors.js';
import { getFieldType } from '../../../core/fields/index.js';
import { limitBody } from '../../body-limit.js';
import { operationOf } from '../../operation.js';
import type { RouteOptions } from '../../route.js';

/** Hard cap on any record write body; the per-collection limit is checked before reading. */
const WRITE_BODY_CAP = 1024 * 1024 * 1024;

/** The collection of a record read (list, view, delete); unknown → 404 "Missing collection context." */
export function readCollection(req: FastifyRequest): Collection {
  const c = operationOf(req)?.collection;
  if (!c) throw Errors.missingCollectionContext();
  return c;
}

/** The collection of a record write; unknown → 404 "Missing or invalid collection context." */
function writeCollection(req: FastifyRequest): Collection {
  const c = operationOf(req)?.collection;
  if (!c) throw Errors.missingOrInvalidCollectionContext();
  return c;
}

/** The collection a create or update writes to; a view collection → 400 (its rows come from its query). */
export function writableCollection(req: FastifyRequest): Collection {
  const c = writeCollection(req);
  if (c.type === 'view') throw Errors.unsupportedCollectionType();
  return c;
}

/** The body limit of a record write: the global limit raised by each field's own maximum size. */
export function writeBodyLimit(app: App, c: Collection): number {
  let limit = app.config.bodyLimit;
  for (const f of c.fields) limit += getFieldType(f.type).maxBodySize?.(f) ?? 0;
  return limit;
}

/** Runs before the body is read: unknown collection → 404, body over the collection's limit → 413. */
function checkWriteBody(app: App) {
  return async (req: FastifyRequest, _reply: FastifyReply, payload: Readable) => {
    const limit = writeBodyLimit(app, writeCollection(req));
    return limitBody(req, payload, limit);
  };
}

/** Route options of create and update: the body is checked against the collection's own limit. */
export function writeOptions(app: App): RouteOptions {
  return { preParsing: checkWriteBody(app), bodyLimit: WRITE_BODY_CAP };
}
