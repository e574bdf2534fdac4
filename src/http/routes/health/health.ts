import { requesterOf } from '../../context.js';
import type { RouteDefinition } from '../../route.js';

const health: RouteDefinition = {
  tag: 'health',
  method: 'GET',
  url: '/api/health',
  async handler(req, reply) {
    const data = requesterOf(req).isSuperuser ? { canBackup: true, realIP: req.ip, possibleProxyHeader: '' } : {};
    // the one JSON reply that does not apply `?fields=`
    return reply.send({ message: 'API is healthy.', code: 200, data });
  },
};

export default health;
