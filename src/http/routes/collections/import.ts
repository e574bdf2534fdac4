import { importCollections } from '../../../core/collections/service.js';
import { toBool } from '../../../lib/bool.js';
import { readBody } from '../../body.js';
import { requireSuperuser } from '../../context.js';
import { sendNoContent } from '../../reply.js';
import type { RouteDefinition } from '../../route.js';

const importRoute: RouteDefinition = {
  tag: 'collections.import',
  method: 'PUT',
  url: '/api/collections/import',
  async handler(req, reply, app) {
    requireSuperuser(req);
    const { data } = await readBody(req);
    const deleteMissing = toBool(data.deleteMissing);
    await importCollections(app, data.collections, deleteMissing);
    return sendNoContent(reply);
  },
};

export default importRoute;
