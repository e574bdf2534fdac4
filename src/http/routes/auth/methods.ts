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
  async handler(req, reply) {
    return sendJson(req, reply, authMethods(authCollection(req)));
  },
};

export default methods;
