import { diffValues } from '../../../core/audit/index.js';
import { collectionToJSON, getCollection, updateCollection } from '../../../core/collections/service.js';
import { readBody } from '../../body.js';
import { requireSuperuser } from '../../context.js';
import { noteAudit } from '../../hooks/audit-trail.js';
import { sendJson } from '../../reply.js';
import { collectionParam, pathParam, type RouteDefinition } from '../../route.js';

const update: RouteDefinition = {
  tag: 'collections.update',
  method: 'PATCH',
  url: '/api/collections/:collection',
  collection: collectionParam,
  async handler(req, reply, app) {
    requireSuperuser(req);
    const name = pathParam(req, 'collection');
    const before = collectionToJSON(getCollection(app, name));
    const { data } = await readBody(req);
    const after = collectionToJSON(await updateCollection(app, name, data));
    noteAudit(req, { target: String(before.name), diff: diffValues(before, after) });
    return sendJson(req, reply, after);
  },
};

export default update;
