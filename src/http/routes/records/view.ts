import { presentRecord, viewRecord } from '../../../core/records/service.js';
import { queryOf, requestInfoOf } from '../../context.js';
import { sendJson } from '../../reply.js';
import { collectionParam, pathParam, type RouteDefinition } from '../../route.js';
import { readCollection } from './collection.js';

const view: RouteDefinition = {
  tag: 'records.view',
  method: 'GET',
  url: '/api/collections/:collection/records/:id',
  collection: collectionParam,
  async handler(req, reply, app) {
    const c = readCollection(req);
    const q = queryOf(req);
    const info = requestInfoOf(req);
    const record = await viewRecord(app, c, pathParam(req, 'id'), info);
    return sendJson(req, reply, await presentRecord(app, c, record, info, { expand: q.expand }));
  },
};

export default view;
