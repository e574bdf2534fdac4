import { listApprovals } from '../../../core/approvals/index.js';
import { queryOf, requireSuperuser } from '../../context.js';
import { sendJson } from '../../reply.js';
import type { RouteDefinition } from '../../route.js';

const list: RouteDefinition = {
  tag: 'approvals.list',
  method: 'GET',
  url: '/api/approvals',
  async handler(req, reply, app) {
    requireSuperuser(req);
    return sendJson(req, reply, await listApprovals(app, queryOf(req)));
  },
};

export default list;
