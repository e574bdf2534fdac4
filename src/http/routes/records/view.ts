import { viewRecordRequest } from '../../../core/records/requests.js';
import { queryOf, requestInfoOf } from '../../context.js';
import { sendJson } from '../../reply.js';
import { collectionParam, pathParam, type RouteDefinition } from '../../route.js';
import { readCollection } from './collection.js';

const view: RouteDefinition = {
  tag: 'records.view',
  method: 'GET',
  url: '/api/collections/:collection/records/:id',
  collection: collectionParam,
  rateLimitTags: ['view'],
  async handler(req, reply, app) {
    const c = readCollection(req);
    const response = await viewRecordRequest(app, c, pathParam(req, 'id'), queryOf(req), requestInfoOf(req));
    return sendJson(req, reply, response);
  },
};

export default view;
