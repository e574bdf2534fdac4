import { diffValues } from '../../../core/audit/index.js';
import { collectionToJSON } from '../../../core/collections/service.js';
import { requireSuperuser } from '../../context.js';
import { sendGuarded } from '../../guarded.js';
import { noteAudit } from '../../hooks/audit-trail.js';
import { sendNoContent } from '../../reply.js';
import { collectionParam, pathParam, type RouteDefinition } from '../../route.js';

const remove: RouteDefinition = {
  tag: 'collections.delete',
  method: 'DELETE',
  url: '/api/collections/:collection',
  collection: collectionParam,
  async handler(req, reply, app) {
    requireSuperuser(req);
    const name = pathParam(req, 'collection');
    const existing = app.collections.find(name);
    if (existing) noteAudit(req, { target: existing.name, diff: diffValues(collectionToJSON(existing), {}) });
    // under the two-person rule this answers 202 with an approval request instead
    return sendGuarded(req, reply, app, 'collections.delete', { collection: name }, () => sendNoContent(reply));
  },
};

export default remove;
