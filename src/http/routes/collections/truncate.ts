import { requireSuperuser } from '../../context.js';
import { sendGuarded } from '../../guarded.js';
import { sendNoContent } from '../../reply.js';
import { collectionParam, pathParam, type RouteDefinition } from '../../route.js';

const truncate: RouteDefinition = {
  tag: 'collections.truncate',
  method: 'DELETE',
  url: '/api/collections/:collection/truncate',
  collection: collectionParam,
  async handler(req, reply, app) {
    requireSuperuser(req);
    const payload = { collection: pathParam(req, 'collection') };
    // under the two-person rule this answers 202 with an approval request instead
    return sendGuarded(req, reply, app, 'collections.truncate', payload, () => sendNoContent(reply));
  },
};

export default truncate;
