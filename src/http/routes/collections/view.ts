import { collectionToJSON, getCollection } from '../../../core/collections/service.js';
import { requireSuperuser } from '../../context.js';
import { sendJson } from '../../reply.js';
import { collectionParam, pathParam, type RouteDefinition } from '../../route.js';

const view: RouteDefinition = {
  tag: 'collections.view',
  method: 'GET',
  url: '/api/collections/:collection',
  collection: collectionParam,
  async handler(req, reply, app) {
    requireSuperuser(req);
    return sendJson(req, reply, collectionToJSON(getCollection(app, pathParam(req, 'collection'))));
  },
};

export default view;
