import type { FastifyReply, FastifyRequest } from 'fastify';
import {
  collectionToJSON,
  createCollection,
  deleteCollection,
  getCollection,
  importCollections,
  listCollections,
  scaffolds,
  truncateCollection,
  updateCollection,
} from '../../core/collections/service.js';
import { readBody } from '../body.js';
import { queryOf, type RouteModule, requireSuperuser } from '../context.js';
import { pickFields } from '../fields.js';

type CollectionParams = { Params: { collection: string } };

/** Every 2xx JSON body goes out through here, so `?fields=` applies to all of them. */
function send(req: FastifyRequest, reply: FastifyReply, body: unknown): FastifyReply {
  return reply.status(200).send(pickFields(body, queryOf(req).fields ?? ''));
}

function noContent(reply: FastifyReply): FastifyReply {
  return reply.status(204).send();
}

/** The collections API of §3.5; every endpoint requires a superuser (401 without auth, 403 otherwise). */
const collectionRoutes: RouteModule = (server, app) => {
  server.get('/api/collections', async (req, reply) => {
    requireSuperuser(req);
    return send(req, reply, await listCollections(app, queryOf(req)));
  });

  server.post('/api/collections', async (req, reply) => {
    requireSuperuser(req);
    const { data } = await readBody(req);
    return send(req, reply, collectionToJSON(await createCollection(app, data)));
  });

  server.get('/api/collections/meta/scaffolds', async (req, reply) => {
    requireSuperuser(req);
    return send(req, reply, scaffolds());
  });

  server.put('/api/collections/import', async (req, reply) => {
    requireSuperuser(req);
    const { data } = await readBody(req);
    const deleteMissing = data.deleteMissing === true || data.deleteMissing === 'true';
    await importCollections(app, data.collections, deleteMissing);
    return noContent(reply);
  });

  server.get<CollectionParams>('/api/collections/:collection', async (req, reply) => {
    requireSuperuser(req);
    return send(req, reply, collectionToJSON(getCollection(app, req.params.collection)));
  });

  server.patch<CollectionParams>('/api/collections/:collection', async (req, reply) => {
    requireSuperuser(req);
    getCollection(app, req.params.collection);
    const { data } = await readBody(req);
    return send(req, reply, collectionToJSON(await updateCollection(app, req.params.collection, data)));
  });

  server.delete<CollectionParams>('/api/collections/:collection', async (req, reply) => {
    requireSuperuser(req);
    await deleteCollection(app, req.params.collection);
    return noContent(reply);
  });

  server.delete<CollectionParams>('/api/collections/:collection/truncate', async (req, reply) => {
    requireSuperuser(req);
    await truncateCollection(app, req.params.collection);
    return noContent(reply);
  });
};

export default collectionRoutes;
