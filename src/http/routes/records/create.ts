import { createRecordRequest } from '../../../core/records/requests.js';
import { readBody } from '../../body.js';
import { queryOf, requestInfoOf } from '../../context.js';
import { sendJson } from '../../reply.js';
import { collectionParam, type RouteDefinition } from '../../route.js';
import { writableCollection, writeOptions } from './collection.js';

const create: RouteDefinition = {
  tag: 'records.create',
  method: 'POST',
  url: '/api/collections/:collection/records',
  collection: collectionParam,
  rateLimitTags: ['create'],
  options: writeOptions,
  async handler(req, reply, app) {
    const c = writableCollection(req);
    const q = queryOf(req);
    const body = await readBody(req);
    const info = requestInfoOf(req, body.data);
    return sendJson(req, reply, await createRecordRequest(app, c, body, q.expand, info));
  },
};

export default create;
