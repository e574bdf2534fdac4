import { impersonate } from '../../../core/auth/impersonate.js';
import { readBody } from '../../body.js';
import { requestInfoOf, requireSuperuser } from '../../context.js';
import { sendJson } from '../../reply.js';
import { collectionParam, pathParam, type RouteDefinition } from '../../route.js';
import { authCollection } from './collection.js';

const impersonateRoute: RouteDefinition = {
  tag: 'auth.impersonate',
  method: 'POST',
  url: '/api/collections/:collection/impersonate/:id',
  collection: collectionParam,
  async handler(req, reply, app) {
    requireSuperuser(req);
    const collection = authCollection(req);
    const { data } = await readBody(req);
    const result = await impersonate(app, collection, pathParam(req, 'id'), data, requestInfoOf(req, data));
    return sendJson(req, reply, result);
  },
};

export default impersonateRoute;
