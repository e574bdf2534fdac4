import { listCollections } from '../../../core/collections/service.js';
import { queryOf, requireSuperuser } from '../../context.js';
import { sendJson } from '../../reply.js';
import type { RouteDefinition } from '../../route.js';

const list: RouteDefinition = {
  tag: 'collections.list',
  method: 'GET',
  url: '/api/collections',
  async handler(req, reply, app) {
    requireSuperuser(req);
    return sendJson(req, reply, await listCollections(app, queryOf(req)));
  },
};

export default list;
