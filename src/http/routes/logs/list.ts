import { listLogs } from '../../../core/logs/index.js';
import { queryOf, requireSuperuser } from '../../context.js';
import { sendJson } from '../../reply.js';
import type { RouteDefinition } from '../../route.js';

const list: RouteDefinition = {
  tag: 'logs.list',
  method: 'GET',
  url: '/api/logs',
  async handler(req, reply, app) {
    requireSuperuser(req);
    return sendJson(req, reply, await listLogs(app, queryOf(req)));
  },
};

export default list;
