import { deleteBackup } from '../../../core/backups/index.js';
import { requireSuperuser } from '../../context.js';
import { sendNoContent } from '../../reply.js';
import { pathParam, type RouteDefinition } from '../../route.js';

const remove: RouteDefinition = {
  tag: 'backups.delete',
  method: 'DELETE',
  url: '/api/backups/:key',
  async handler(req, reply, app) {
    requireSuperuser(req);
    await deleteBackup(app, pathParam(req, 'key'));
    return sendNoContent(reply);
  },
};

export default remove;
