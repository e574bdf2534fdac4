import { listDeliveries } from '../../../core/webhooks/index.js';
import { queryOf, requireSuperuser } from '../../context.js';
import { sendJson } from '../../reply.js';
import { pathParam, type RouteDefinition } from '../../route.js';

/** A page of one webhook's deliveries with their attempts, newest first (`status` narrows it). */
const deliveries: RouteDefinition = {
  tag: 'webhooks.deliveries',
  method: 'GET',
  url: '/api/webhooks/:webhookId/deliveries',
  async handler(req, reply, app) {
    requireSuperuser(req);
    return sendJson(req, reply, await listDeliveries(app, pathParam(req, 'webhookId'), queryOf(req)));
  },
};

export default deliveries;
