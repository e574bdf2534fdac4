import { oauth2ProviderList } from '../../../core/auth/oauth2/provider-list.js';
import { authMethods } from '../../../core/auth/service.js';
import { sendJson } from '../../reply.js';
import { collectionParam, type RouteDefinition } from '../../route.js';
import { authCollection } from './collection.js';

const methods: RouteDefinition = {
  tag: 'auth.methods',
  method: 'GET',
  url: '/api/collections/:collection/auth-methods',
  collection: collectionParam,
  rateLimitTags: ['listAuthMethods'],
  async handler(req, reply, app) {
    const collection = authCollection(req);
    return sendJson(req, reply, authMethods(collection, await oauth2ProviderList(app, collection)));
  },
};

export default methods;
