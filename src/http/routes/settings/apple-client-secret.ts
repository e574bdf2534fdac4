import { generateAppleClientSecret } from '../../../core/auth/oauth2/apple-secret.js';
import { readBody } from '../../body.js';
import { requireSuperuser } from '../../context.js';
import { sendJson } from '../../reply.js';
import type { RouteDefinition } from '../../route.js';

const appleClientSecret: RouteDefinition = {
  tag: 'settings.appleClientSecret',
  method: 'POST',
  url: '/api/settings/apple/generate-client-secret',
  async handler(req, reply) {
    requireSuperuser(req);
    const { data } = await readBody(req);
    return sendJson(req, reply, await generateAppleClientSecret(data));
  },
};

export default appleClientSecret;
