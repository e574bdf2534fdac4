import { sendDashboard } from '../../admin-ui/send.js';
import { pathParam, type RouteDefinition } from '../../route.js';

/** The dashboard's files under /_/ (its scripts, styles, icons), and its pages by path. /_/docs has routes of its own. */
const asset: RouteDefinition = {
  tag: 'ui.asset',
  method: 'GET',
  url: '/_/*',
  handler: (req, reply) => sendDashboard(pathParam(req, '*'), req, reply),
};

export default asset;
