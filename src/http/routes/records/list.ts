import { listRecords, presentRecords } from '../../../core/records/service.js';
import { queryOf, requestInfoOf } from '../../context.js';
import { sendJson } from '../../reply.js';
import { collectionParam, type RouteDefinition } from '../../route.js';
import { readCollection } from './collection.js';

const list: RouteDefinition = {
  tag: 'records.list',
  method: 'GET',
  url: '/api/collections/:collection/records',
  collection: collectionParam,
  async handler(req, reply, app) {
    const c = readCollection(req);
    const q = queryOf(req);
    const info = requestInfoOf(req);
    const result = await listRecords(app, c, q, info);
    const items = await presentRecords(app, c, result.items, info, { expand: q.expand });
    return sendJson(req, reply, { ...result, items });
  },
};

export default list;
