import { assertPasswordAuthEnabled, authWithPassword } from '../../../core/auth/service.js';
import { readBody } from '../../body.js';
import { requestInfoOf } from '../../context.js';
import { sendJson } from '../../reply.js';
import { collectionParam, type RouteDefinition } from '../../route.js';
import { authCollection } from './collection.js';

const withPassword: RouteDefinition = {
  tag: 'auth.withPassword',
  method: 'POST',
  url: '/api/collections/:collection/auth-with-password',
  collection: collectionParam,
  rateLimitTags: ['authWithPassword', 'auth'],
  async handler(req, reply, app) {
    const collection = authCollection(req);
    assertPasswordAuthEnabled(collection);
    const { data } = await readBody(req);
    const result = await authWithPassword(app, collection, data, requestInfoOf(req, data, 'password'));
    return sendJson(req, reply, result);
  },
};

export default withPassword;
