import { getLog } from '../../../core/logs/index.js';
import { requireSuperuser } from '../../context.js';
import { sendJson } from '../../reply.js';
import { pathParam, type RouteDefinition } from '../../route.js';

const view: RouteDefinition = {
  tag: 'logs.view',
  method: 'GET',
  url: '/api/logs/:id',
  async handler(req, reply, app) {
    requireSuperuser(req);
    return sendJson(req, reply, await getLog(app, pathParam(req, 'id')));
  },
};

export default view;
