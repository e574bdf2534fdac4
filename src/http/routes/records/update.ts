import { updateRecordRequest } from '../../../core/records/requests.js';
import { readBody } from '../../body.js';
import { queryOf, requestInfoOf } from '../../context.js';
import { sendJson } from '../../reply.js';
import { collectionParam, pathParam, type RouteDefinition } from '../../route.js';
import { recordUploads } from '../../uploads.js';
import { writableCollection, writeBodyLimit, writeOptions } from './collection.js';

const update: RouteDefinition = {
  tag: 'records.update',
  method: 'PATCH',
  url: '/api/collections/:collection/records/:id',
  collection: collectionParam,
  rateLimitTags: ['update'],
  options: writeOptions,
  async handler(req, reply, app) {
    const c = writableCollection(req);
    const q = queryOf(req);
    const uploads = recordUploads(app, c);
    try {
      const body = await readBody(req, writeBodyLimit(app, c), uploads);
      const info = requestInfoOf(req, body.data);
      return sendJson(req, reply, await updateRecordRequest(app, c, pathParam(req, 'id'), body, q.expand, info));
    } finally {
      await uploads.session.finish();
    }
  },
};

export default update;
