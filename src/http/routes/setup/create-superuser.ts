import { createFirstSuperuser } from '../../../core/setup/first-run.js';
import { readBody } from '../../body.js';
import { requestInfoOf } from '../../context.js';
import { sendJson } from '../../reply.js';
import type { RouteDefinition } from '../../route.js';

/**
 * Creates the first superuser with the one-time token of the link `basalt serve` prints while none
 * exists; answers as a password sign-in does (`{token, record}`). The token travels in the body only,
 * so it never reaches a request log.
 */
const createSuperuser: RouteDefinition = {
  tag: 'setup.createSuperuser',
  method: 'POST',
  url: '/api/setup/superuser',
  async handler(req, reply, app) {
    const { data } = await readBody(req);
    const token = typeof data.token === 'string' ? data.token : '';
    const result = await createFirstSuperuser(app, token, data, requestInfoOf(req, data));
    return sendJson(req, reply, result);
  },
};

export default createSuperuser;
