import { requestEmailChange } from '../../../core/auth/email-change.js';
import { readBody } from '../../body.js';
import { requireAuth } from '../../context.js';
import { sendNoContent } from '../../reply.js';
import { collectionParam, type RouteDefinition } from '../../route.js';
import { authCollection } from './collection.js';

const requestEmailChangeRoute: RouteDefinition = {
  tag: 'auth.requestEmailChange',
  method: 'POST',
  url: '/api/collections/:collection/request-email-change',
  collection: collectionParam,
  rateLimitTags: ['requestEmailChange'],
  async handler(req, reply, app) {
    const requester = requireAuth(req);
    const collection = authCollection(req);
    const { data } = await readBody(req);
    await requestEmailChange(app, collection, requester, data);
    return sendNoContent(reply);
  },
};

export default requestEmailChangeRoute;
