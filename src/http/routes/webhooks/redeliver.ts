import { redeliver } from '../../../core/webhooks/index.js';
import { requireSuperuser } from '../../context.js';
import { sendJson } from '../../reply.js';
import { pathParam, type RouteDefinition } from '../../route.js';

/** Queues a delivery's event again as a new delivery; answers with it at once (it is sent in the background). */
const redeliverRoute: RouteDefinition = {
  tag: 'webhooks.redeliver',
  method: 'POST',
  url: '/api/webhooks/:webhookId/deliveries/:deliveryId/redeliver',
  async handler(req, reply, app) {
    requireSuperuser(req);
    return sendJson(req, reply, await redeliver(app, pathParam(req, 'webhookId'), pathParam(req, 'deliveryId')));
  },
};

export default redeliverRoute;
