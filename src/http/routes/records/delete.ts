import { deleteRecord } from '../../../core/records/service.js';
import { requestInfoOf } from '../../context.js';
import { sendNoContent } from '../../reply.js';
import { collectionParam, pathParam, type RouteDefinition } from '../../route.js';
import { readCollection } from './collection.js';

const remove: RouteDefinition = {
  tag: 'records.delete',
  method: 'DELETE',
  url: '/api/collections/:collection/records/:id',
  collection: collectionParam,
  async handler(req, reply, app) {
    const c = readCollection(req);
    await deleteRecord(app, c, pathParam(req, 'id'), requestInfoOf(req));
    return sendNoContent(reply);
  },
};

export default remove;
