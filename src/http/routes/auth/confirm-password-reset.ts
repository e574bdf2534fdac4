import { confirmPasswordReset } from '../../../core/auth/password-reset.js';
import { readBody } from '../../body.js';
import { sendNoContent } from '../../reply.js';
import { collectionParam, type RouteDefinition } from '../../route.js';
import { authCollection } from './collection.js';

const confirmPasswordResetRoute: RouteDefinition = {
  tag: 'auth.confirmPasswordReset',
  method: 'POST',
  url: '/api/collections/:collection/confirm-password-reset',
  collection: collectionParam,
  rateLimitTags: ['confirmPasswordReset'],
  async handler(req, reply, app) {
    authCollection(req);
    const { data } = await readBody(req);
    await confirmPasswordReset(app, authCollection(req), data);
    return sendNoContent(reply);
  },
};

export default confirmPasswordResetRoute;
