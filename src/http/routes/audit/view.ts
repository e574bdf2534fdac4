import { getAudit } from '../../../core/audit/index.js';
import { requireSuperuser } from '../../context.js';
import { sendJson } from '../../reply.js';
import { pathParam, type RouteDefinition } from '../../route.js';

const view: RouteDefinition = {
  tag: 'audit.view',
  method: 'GET',
  url: '/api/audit/:id',
  async handler(req, reply, app) {
    requireSuperuser(req);
    return sendJson(req, reply, await getAudit(app, pathParam(req, 'id')));
  },
};

export default view;
