import type { RouteDefinition } from '../../route.js';
import { answerRedirect, redirectInput } from './forward.js';

const redirectGet: RouteDefinition = {
  tag: 'oauth2.redirect',
  method: 'GET',
  url: '/api/oauth2-redirect',
  async handler(req, reply, app) {
    return answerRedirect(app, reply, redirectInput((req.query ?? {}) as Record<string, unknown>, req.clientIp), 307);
  },
};

export default redirectGet;
