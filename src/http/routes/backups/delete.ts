import { requireSuperuser } from '../../context.js';
import { sendGuarded } from '../../guarded.js';
import { sendNoContent } from '../../reply.js';
import { pathParam, type RouteDefinition } from '../../route.js';

const remove: RouteDefinition = {
  tag: 'backups.delete',
  method: 'DELETE',
  url: '/api/backups/:key',
  async handler(req, reply, app) {
    requireSuperuser(req);
    // under the two-person rule this answers 202 with an approval request instead
    return sendGuarded(req, reply, app, 'backups.delete', { key: pathParam(req, 'key') }, () => sendNoContent(reply));
  },
};

export default remove;
