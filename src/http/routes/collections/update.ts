import { collectionToJSON, getCollection, updateCollection } from '../../../core/collections/service.js';
import { readBody } from '../../body.js';
import { requireSuperuser } from '../../context.js';
import { sendJson } from '../../reply.js';
import { collectionParam, pathParam, type RouteDefinition } from '../../route.js';

const update: RouteDefinition = {
  tag: 'collections.update',
  method: 'PATCH',
  url: '/api/collections/:collection',
  collection: collectionParam,
  async handler(req, reply, app) {
    requireSuperuser(req);
    const name = pathParam(req, 'collection');
    getCollection(app, name);
    const { data } = await readBody(req);
    return sendJson(req, reply, collectionToJSON(await updateCollection(app, name, data)));
  },
};

export default update;
