import { drillResultOf, listBackups } from '../../../core/backups/index.js';
import { requireSuperuser } from '../../context.js';
import { sendJson } from '../../reply.js';
import type { RouteDefinition } from '../../route.js';

/** `GET /api/backups`: newest first; beside the contract's keys, `drill` holds the last restore drill of each. */
const list: RouteDefinition = {
  tag: 'backups.list',
  method: 'GET',
  url: '/api/backups',
  async handler(req, reply, app) {
    requireSuperuser(req);
    const items = (await listBackups(app)).map((b) => ({ ...b, drill: drillResultOf(app, b.key) ?? null }));
    return sendJson(req, reply, items);
  },
};

export default list;
