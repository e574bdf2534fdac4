import { drillBackup } from '../../../core/backups/index.js';
import { requireSuperuser } from '../../context.js';
import { sendJson } from '../../reply.js';
import { pathParam, type RouteDefinition } from '../../route.js';

/** `POST /api/backups/{key}/drill`: runs a restore drill now and answers with its result (200, `ok` tells). */
const drill: RouteDefinition = {
  tag: 'backups.drill',
  method: 'POST',
  url: '/api/backups/:key/drill',
  async handler(req, reply, app) {
    requireSuperuser(req);
    return sendJson(req, reply, await drillBackup(app, pathParam(req, 'key')));
  },
};

export default drill;
