import type { RouteModule } from '../context.js';
import { requesterOf } from '../context.js';

const health: RouteModule = (server) => {
  const handler = async (req: import('fastify').FastifyRequest) => {
    const requester = requesterOf(req);
    const data = requester.isSuperuser ? { canBackup: true, realIP: req.ip, possibleProxyHeader: '' } : {};
    return { message: 'API is healthy.', code: 200, data };
  };
  server.get('/api/health', handler);
};

export default health;
