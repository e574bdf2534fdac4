import { diffValues } from '../../../core/audit/index.js';
import { collectionToJSON, createCollection } from '../../../core/collections/service.js';
import { readBody } from '../../body.js';
import { requireSuperuser } from '../../context.js';
import { noteAudit } from '../../hooks/audit-trail.js';
import { sendJson } from '../../reply.js';
import type { RouteDefinition } from '../../route.js';

const create: RouteDefinition = {
  tag: 'collections.create',
  method: 'POST',
  url: '/api/collections',
  async handler(req, reply, app) {
    requireSuperuser(req);
    const { data } = await readBody(req);
    const created = collectionToJSON(await createCollection(app, data));
    noteAudit(req, { target: String(created.name), diff: diffValues({}, created) });
    return sendJson(req, reply, created);
  },
};

export default create;
