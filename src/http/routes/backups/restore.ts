import { requireSuperuser } from '../../context.js';
import { sendGuarded } from '../../guarded.js';
import { sendNoContent } from '../../reply.js';
import { pathParam, type RouteDefinition } from '../../route.js';

/**
 * `POST /api/backups/{key}/restore`: checks the backup (400 when missing, unreadable or busy), answers
 * 204, then stages it and restarts the app on it; the log tells when a later step failed. Under the
 * two-person rule it answers 202 with an approval request instead, and restores once approved.
 */
const restore: RouteDefinition = {
  tag: 'backups.restore',
  method: 'POST',
  url: '/api/backups/:key/restore',
  async handler(req, reply, app) {
    requireSuperuser(req);
    return sendGuarded(req, reply, app, 'backups.restore', { key: pathParam(req, 'key') }, () => sendNoContent(reply));
  },
};

export default restore;
