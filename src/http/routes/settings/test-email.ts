import { sendTestEmail } from '../../../core/mail/test-email.js';
import { readBody } from '../../body.js';
import { requireSuperuser } from '../../context.js';
import { sendNoContent } from '../../reply.js';
import type { RouteDefinition } from '../../route.js';

const testEmail: RouteDefinition = {
  tag: 'settings.testEmail',
  method: 'POST',
  url: '/api/settings/test/email',
  async handler(req, reply, app) {
    requireSuperuser(req);
    const { data } = await readBody(req);
    await sendTestEmail(app, data);
    return sendNoContent(reply);
  },
};

export default testEmail;
