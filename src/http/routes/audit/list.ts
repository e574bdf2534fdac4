import { listAudit } from '../../../core/audit/index.js';
import { queryOf, requireSuperuser } from '../../context.js';
import { sendJson } from '../../reply.js';
import type { RouteDefinition } from '../../route.js';

const list: RouteDefinition = {
  tag: 'audit.list',
  method: 'GET',
  url: '/api/audit',
  async handler(req, reply, app) {
    requireSuperuser(req);
    return sendJson(req, reply, await listAudit(app, queryOf(req)));
  },
};

export default list;
