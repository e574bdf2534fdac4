import { requestPasswordReset } from '../../../core/auth/password-reset.js';
import { readBody } from '../../body.js';
import { sendNoContent } from '../../reply.js';
import { collectionParam, type RouteDefinition } from '../../route.js';
import { authCollection } from './collection.js';

const requestPasswordResetRoute: RouteDefinition = {
  tag: 'auth.requestPasswordReset',
  method: 'POST',
  url: '/api/collections/:collection/request-password-reset',
  collection: collectionParam,
  rateLimitTags: ['requestPasswordReset'],
  async handler(req, reply, app) {
    authCollection(req);
    const { data } = await readBody(req);
    await requestPasswordReset(app, authCollection(req), data);
    return sendNoContent(reply);
  },
};

export default requestPasswordResetRoute;
