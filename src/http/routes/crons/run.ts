import { Errors } from '../../../core/errors.js';
import { requireSuperuser } from '../../context.js';
import { sendNoContent } from '../../reply.js';
import { pathParam, type RouteDefinition } from '../../route.js';

/** Starts a job in the background and answers at once; its outcome goes to the logs. */
const run: RouteDefinition = {
  tag: 'crons.run',
  method: 'POST',
  url: '/api/crons/:id',
  async handler(req, reply, app) {
    requireSuperuser(req);
    if (!app.cron.run(pathParam(req, 'id'))) throw Errors.missingCronJob();
    return sendNoContent(reply);
  },
};

export default run;
