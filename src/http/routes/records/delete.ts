import { twoPersonRuleApplies } from '../../../core/approvals/index.js';
import { SUPERUSERS } from '../../../core/collections/system.js';
import { deleteRecordRequest } from '../../../core/records/requests.js';
import { requesterOf, requestInfoOf } from '../../context.js';
import { sendGuarded } from '../../guarded.js';
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
    // a superuser deleting a superuser under the two-person rule: 202 with an approval request
    if (c.name === SUPERUSERS && twoPersonRuleApplies(app, requesterOf(req))) {
      const payload = { id: pathParam(req, 'id') };
      return sendGuarded(req, reply, app, 'superusers.delete', payload, () => sendNoContent(reply));
    }
    const response = await deleteRecordRequest(app, c, pathParam(req, 'id'), requestInfoOf(req));
    // a hook handler may answer with a body of its own
    return response === undefined ? sendNoContent(reply) : sendJson(req, reply, response);
  },
};

export default remove;
