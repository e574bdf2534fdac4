import { getApproval } from '../../../core/approvals/index.js';
import { requireSuperuser } from '../../context.js';
import { sendJson } from '../../reply.js';
import { pathParam, type RouteDefinition } from '../../route.js';

const view: RouteDefinition = {
  tag: 'approvals.view',
  method: 'GET',
  url: '/api/approvals/:id',
  async handler(req, reply, app) {
    requireSuperuser(req);
    return sendJson(req, reply, await getApproval(app, pathParam(req, 'id')));
  },
};

export default view;
