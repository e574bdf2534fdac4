import { publicSettings } from '../../../core/settings/secrets.js';
import { updateSettings } from '../../../core/settings/update.js';
import { readBody } from '../../body.js';
import { requireSuperuser } from '../../context.js';
import { sendJson } from '../../reply.js';
import type { RouteDefinition } from '../../route.js';

const update: RouteDefinition = {
  tag: 'settings.update',
  method: 'PATCH',
  url: '/api/settings',
  async handler(req, reply, app) {
    requireSuperuser(req);
    const { data } = await readBody(req);
    return sendJson(req, reply, publicSettings(await updateSettings(app, data)));
  },
};

export default update;
