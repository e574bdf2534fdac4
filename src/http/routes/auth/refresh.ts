import { authRefresh } from '../../../core/auth/service.js';
import { requesterOf, requestInfoOf } from '../../context.js';
import { sendJson } from '../../reply.js';
import { collectionParam, type RouteDefinition } from '../../route.js';
import { anyCollection } from './collection.js';

const refresh: RouteDefinition = {
  tag: 'auth.refresh',
  method: 'POST',
  url: '/api/collections/:collection/auth-refresh',
  collection: collectionParam,
  rateLimitTags: ['authRefresh'],
  async handler(req, reply, app) {
    // any type of collection: the service refuses a token that is not of this one
    const collection = anyCollection(req);
    const requester = requesterOf(req);
    const result = await authRefresh(app, collection, requester, req.authToken, requestInfoOf(req));
    return sendJson(req, reply, result);
  },
};

export default refresh;
