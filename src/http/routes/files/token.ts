import { issueFileToken } from '../../../core/files/file-token.js';
import { requireAuth } from '../../context.js';
import { sendJson } from '../../reply.js';
import type { RouteDefinition } from '../../route.js';

/** `POST /api/files/token`: a short-lived token for protected files, for any signed-in record. */
const token: RouteDefinition = {
  tag: 'files.token',
  method: 'POST',
  url: '/api/files/token',
  async handler(req, reply, app) {
    return sendJson(req, reply, { token: issueFileToken(app, requireAuth(req)) });
  },
};

export default token;
