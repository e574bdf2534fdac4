import { truncateCollection } from '../../../core/collections/service.js';
import { requireSuperuser } from '../../context.js';
import { sendNoContent } from '../../reply.js';
import { collectionParam, pathParam, type RouteDefinition } from '../../route.js';

const truncate: RouteDefinition = {
  tag: 'collections.truncate',
  method: 'DELETE',
  url: '/api/collections/:collection/truncate',
  collection: collectionParam,
  async handler(req, reply, app) {
    requireSuperuser(req);
    await truncateCollection(app, pathParam(req, 'collection'));
    return sendNoContent(reply);
  },
};

export default truncate;
