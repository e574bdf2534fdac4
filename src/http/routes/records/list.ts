import { listRecordsRequest } from '../../../core/records/requests.js';
import { queryOf, requestInfoOf } from '../../context.js';
import { sendJson } from '../../reply.js';
import { collectionParam, type RouteDefinition } from '../../route.js';
import { readCollection } from './collection.js';

const list: RouteDefinition = {
  tag: 'records.list',
  method: 'GET',
  url: '/api/collections/:collection/records',
  collection: collectionParam,
  rateLimitTags: ['list'],
  async handler(req, reply, app) {
    const c = readCollection(req);
    return sendJson(req, reply, await listRecordsRequest(app, c, queryOf(req), requestInfoOf(req)));
  },
};

export default list;
