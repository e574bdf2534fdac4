import { confirmEmailChange } from '../../../core/auth/email-change.js';
import { readBody } from '../../body.js';
import { sendNoContent } from '../../reply.js';
import { collectionParam, type RouteDefinition } from '../../route.js';
import { authCollection } from './collection.js';

const confirmEmailChangeRoute: RouteDefinition = {
  tag: 'auth.confirmEmailChange',
  method: 'POST',
  url: '/api/collections/:collection/confirm-email-change',
  collection: collectionParam,
  rateLimitTags: ['confirmEmailChange'],
  async handler(req, reply, app) {
    authCollection(req);
    const { data } = await readBody(req);
    await confirmEmailChange(app, authCollection(req), data);
    return sendNoContent(reply);
  },
};

export default confirmEmailChangeRoute;
