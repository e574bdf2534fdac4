import type { FastifyReply, FastifyRequest } from 'fastify';
import type { App } from '../../core/app.js';
import { assertPasswordAuthEnabled, authMethods, authRefresh, authWithPassword } from '../../core/auth/service.js';
import type { Collection } from '../../core/collection.js';
import { Errors } from '../../core/errors.js';
import { readBody } from '../body.js';
import { queryOf, type RouteModule, requesterOf, requestInfoOf } from '../context.js';
import { pickFields } from '../fields.js';

type CollectionParams = { Params: { collection: string } };

/** `{c}` as any collection; unknown → 404 "Missing or invalid collection context." */
function collectionOf(app: App, req: FastifyRequest<CollectionParams>): Collection {
  const c = app.collections.find(req.params.collection);
  if (!c) throw Errors.missingOrInvalidCollectionContext();
  return c;
}

/** `{c}` as an auth collection; a non-auth collection → 404 "Missing or invalid auth collection context." */
function authCollectionOf(app: App, req: FastifyRequest<CollectionParams>): Collection {
  const c = collectionOf(app, req);
  if (c.type !== 'auth' || !c.auth) throw Errors.missingAuthCollectionContext();
  return c;
}

/** Every 2xx body of these routes goes out through here, so `?fields=` applies to all of them. */
function send(req: FastifyRequest, reply: FastifyReply, body: object): FastifyReply {
  return reply.status(200).send(pickFields(body, queryOf(req).fields ?? ''));
}

const authRoutes: RouteModule = (server, app) => {
  server.get<CollectionParams>('/api/collections/:collection/auth-methods', async (req, reply) => {
    const collection = authCollectionOf(app, req);
    return send(req, reply, authMethods(collection));
  });

  server.post<CollectionParams>('/api/collections/:collection/auth-with-password', async (req, reply) => {
    const collection = authCollectionOf(app, req);
    assertPasswordAuthEnabled(collection);
    const { data } = await readBody(req);
    const result = await authWithPassword(app, collection, data, requestInfoOf(req, data, 'password'));
    return send(req, reply, result);
  });

  server.post<CollectionParams>('/api/collections/:collection/auth-refresh', async (req, reply) => {
    const collection = collectionOf(app, req);
    const requester = requesterOf(req);
    const result = await authRefresh(app, collection, requester, req.authToken, requestInfoOf(req));
    return send(req, reply, result);
  });
};

export default authRoutes;
