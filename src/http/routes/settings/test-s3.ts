import { testS3 } from '../../../core/files/test-s3.js';
import { readBody } from '../../body.js';
import { requireSuperuser } from '../../context.js';
import { sendNoContent } from '../../reply.js';
import type { RouteDefinition } from '../../route.js';

/** `POST /api/settings/test/s3`: uploads and deletes a probe object with the saved S3 settings. */
const testS3Route: RouteDefinition = {
  tag: 'settings.testFilesystem',
  method: 'POST',
  url: '/api/settings/test/s3',
  async handler(req, reply, app) {
    requireSuperuser(req);
    const { data } = await readBody(req);
    await testS3(app, data.filesystem);
    return sendNoContent(reply);
  },
};

export default testS3Route;
