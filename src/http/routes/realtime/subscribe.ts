import { Errors } from '../../../core/errors.js';
import { brokerOf } from '../../../realtime/sse/start.js';
import { setSubscriptions } from '../../../realtime/sse/subscribe.js';
import { readBody } from '../../body.js';
import { requesterOf } from '../../context.js';
import { sendNoContent } from '../../reply.js';
import type { RouteDefinition } from '../../route.js';

/** POST /api/realtime: replaces a client's subscriptions (JSON or form body). */
const subscribe: RouteDefinition = {
  tag: 'realtime.subscribe',
  method: 'POST',
  url: '/api/realtime',
  async handler(req, reply, app) {
    const broker = brokerOf(app);
    if (!broker) throw Errors.notFound();
    const body = await readBody(req);
    setSubscriptions(app, broker, body.data, requesterOf(req), req.clientIp);
    return sendNoContent(reply);
  },
};

export default subscribe;
