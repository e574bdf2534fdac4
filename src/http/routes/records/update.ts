import { presentRecord, updateRecord } from '../../../core/records/service.js';
import { readBody } from '../../body.js';
import { queryOf, requestInfoOf } from '../../context.js';
import { sendJson } from '../../reply.js';
import { collectionParam, pathParam, type RouteDefinition } from '../../route.js';
import { writableCollection, writeOptions } from './collection.js';

const update: RouteDefinition = {
  tag: 'records.update',
  method: 'PATCH',
  url: '/api/collections/:collection/records/:id',
  collection: collectionParam,
  options: writeOptions,
  async handler(req, reply, app) {
    const c = writableCollection(req);
    const q = queryOf(req);
    const body = await readBody(req);
    const info = requestInfoOf(req, body.data);
    const record = await updateRecord(app, c, pathParam(req, 'id'), body, info);
    return sendJson(req, reply, await presentRecord(app, c, record, info, { expand: q.expand }));
  },
};

export default update;
