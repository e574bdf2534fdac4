import { scaffolds as collectionScaffolds } from '../../../core/collections/service.js';
import { requireSuperuser } from '../../context.js';
import { sendJson } from '../../reply.js';
import type { RouteDefinition } from '../../route.js';

const scaffolds: RouteDefinition = {
  tag: 'collections.scaffolds',
  method: 'GET',
  url: '/api/collections/meta/scaffolds',
  async handler(req, reply) {
    requireSuperuser(req);
    return sendJson(req, reply, collectionScaffolds());
  },
};

export default scaffolds;
