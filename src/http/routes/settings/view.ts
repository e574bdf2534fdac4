import { publicSettings } from '../../../core/settings/secrets.js';
import { requireSuperuser } from '../../context.js';
import { sendJson } from '../../reply.js';
import type { RouteDefinition } from '../../route.js';

const view: RouteDefinition = {
  tag: 'settings.view',
  method: 'GET',
  url: '/api/settings',
  async handler(req, reply, app) {
    requireSuperuser(req);
    return sendJson(req, reply, publicSettings(app.settings.get()));
  },
};

export default view;
