import { collectionToJSON, createCollection } from '../../../core/collections/service.js';
import { readBody } from '../../body.js';
import { requireSuperuser } from '../../context.js';
import { sendJson } from '../../reply.js';
import type { RouteDefinition } from '../../route.js';

const create: RouteDefinition = {
  tag: 'collections.create',
  method: 'POST',
  url: '/api/collections',
  async handler(req, reply, app) {
    requireSuperuser(req);
    const { data } = await readBody(req);
    return sendJson(req, reply, collectionToJSON(await createCollection(app, data)));
  },
};

export default create;
