import { assertOAuth2Enabled, authWithOAuth2 } from '../../../core/auth/oauth2/flow.js';
import { readBody } from '../../body.js';
import { requestInfoOf } from '../../context.js';
import { sendJson } from '../../reply.js';
import { collectionParam, type RouteDefinition } from '../../route.js';
import { authCollection } from './collection.js';

const withOAuth2: RouteDefinition = {
  tag: 'auth.withOAuth2',
  method: 'POST',
  url: '/api/collections/:collection/auth-with-oauth2',
  collection: collectionParam,
  rateLimitTags: ['authWithOAuth2', 'auth'],
  async handler(req, reply, app) {
    const collection = authCollection(req);
    assertOAuth2Enabled(collection);
    const { data } = await readBody(req);
    const result = await authWithOAuth2(app, collection, data, requestInfoOf(req, data, 'oauth2'));
    return sendJson(req, reply, result);
  },
};

export default withOAuth2;
