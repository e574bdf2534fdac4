import type { FastifyRequest } from 'fastify';
import type { Collection } from '../../../core/collection.js';
import { Errors } from '../../../core/errors.js';
import { operationOf } from '../../operation.js';

/** The route's collection, of any type; unknown → 404 "Missing or invalid collection context." */
export function anyCollection(req: FastifyRequest): Collection {
  const c = operationOf(req)?.collection;
  if (!c) throw Errors.missingOrInvalidCollectionContext();
  return c;
}

/** The route's collection as an auth collection; any other type → 404 "Missing or invalid auth collection context." */
export function authCollection(req: FastifyRequest): Collection {
  const c = anyCollection(req);
  if (c.type !== 'auth' || !c.auth) throw Errors.missingAuthCollectionContext();
  return c;
}
