import { logStats } from '../../../core/logs/index.js';
import { queryParamOf, requireSuperuser } from '../../context.js';
import { sendJson } from '../../reply.js';
import type { RouteDefinition } from '../../route.js';

const stats: RouteDefinition = {
  tag: 'logs.stats',
  method: 'GET',
  url: '/api/logs/stats',
  async handler(req, reply, app) {
    requireSuperuser(req);
    return sendJson(req, reply, await logStats(app, queryParamOf(req, 'filter') ?? ''));
  },
};

export default stats;
