import { restoreBackup } from '../../../core/backups/index.js';
import { requireSuperuser } from '../../context.js';
import { sendNoContent } from '../../reply.js';
import { pathParam, type RouteDefinition } from '../../route.js';

/**
 * `POST /api/backups/{key}/restore`: checks the backup (400 when missing, unreadable or busy), answers
 * 204, then stages it and restarts the app on it; the log tells when a later step failed.
 */
const restore: RouteDefinition = {
  tag: 'backups.restore',
  method: 'POST',
  url: '/api/backups/:key/restore',
  async handler(req, reply, app) {
    requireSuperuser(req);
    const job = await restoreBackup(app, pathParam(req, 'key'));
    job.finished.catch(() => undefined);
    return sendNoContent(reply);
  },
};

export default restore;
