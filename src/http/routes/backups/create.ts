import { createBackup } from '../../../core/backups/index.js';
import { readBody } from '../../body.js';
import { requireSuperuser } from '../../context.js';
import { sendNoContent } from '../../reply.js';
import type { RouteDefinition } from '../../route.js';

/** `POST /api/backups`: answers 204 once the archive is stored (synchronous, as PocketBase). */
const create: RouteDefinition = {
  tag: 'backups.create',
  method: 'POST',
  url: '/api/backups',
  async handler(req, reply, app) {
    requireSuperuser(req);
    const { data } = await readBody(req);
    const name = data.name === undefined || data.name === null ? undefined : (data.name as string);
    await createBackup(app, { name });
    return sendNoContent(reply);
  },
};

export default create;
