import { deleteCollection } from '../../../core/collections/service.js';
import { requireSuperuser } from '../../context.js';
import { sendNoContent } from '../../reply.js';
import { collectionParam, pathParam, type RouteDefinition } from '../../route.js';

const remove: RouteDefinition = {
  tag: 'collections.delete',
  method: 'DELETE',
  url: '/api/collections/:collection',
  collection: collectionParam,
  async handler(req, reply, app) {
    requireSuperuser(req);
    await deleteCollection(app, pathParam(req, 'collection'));
    return sendNoContent(reply);
  },
};

export default remove;
