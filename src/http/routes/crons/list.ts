import { requireSuperuser } from '../../context.js';
import { sendJson } from '../../reply.js';
import type { RouteDefinition } from '../../route.js';

const list: RouteDefinition = {
  tag: 'crons.list',
  method: 'GET',
  url: '/api/crons',
  async handler(req, reply, app) {
    requireSuperuser(req);
    return sendJson(req, reply, app.cron.list());
  },
};

export default list;
