import { deleteRecordRequest } from '../../../core/records/requests.js';
import { requestInfoOf } from '../../context.js';
import { sendJson, sendNoContent } from '../../reply.js';
import { collectionParam, pathParam, type RouteDefinition } from '../../route.js';
import { readCollection } from './collection.js';

const remove: RouteDefinition = {
  tag: 'records.delete',
  method: 'DELETE',
  url: '/api/collections/:collection/records/:id',
  collection: collectionParam,
  rateLimitTags: ['delete'],
  async handler(req, reply, app) {
    const c = readCollection(req);
    const response = await deleteRecordRequest(app, c, pathParam(req, 'id'), requestInfoOf(req));
    // a hook handler may answer with a body of its own
    return response === undefined ? sendNoContent(reply) : sendJson(req, reply, response);
  },
};

export default remove;
