import { sendDashboard } from '../../admin-ui/send.js';
import type { RouteDefinition } from '../../route.js';

/** The admin dashboard's page at /_/ (the router ignores the trailing slash). */
const indexPage: RouteDefinition = {
  tag: 'ui.index',
  method: 'GET',
  url: '/_',
  handler: (req, reply) => sendDashboard('', req, reply),
};

export default indexPage;
