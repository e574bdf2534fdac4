import { rejectApproval } from '../../../core/approvals/index.js';
import { requireSuperuser } from '../../context.js';
import { noteAudit } from '../../hooks/audit-trail.js';
import { sendJson } from '../../reply.js';
import { pathParam, type RouteDefinition } from '../../route.js';

const reject: RouteDefinition = {
  tag: 'approvals.reject',
  method: 'POST',
  url: '/api/approvals/:id/reject',
  async handler(req, reply, app) {
    const decider = requireSuperuser(req);
    const approval = await rejectApproval(app, pathParam(req, 'id'), decider);
    noteAudit(req, { data: { approvalAction: approval.action, approvalTarget: approval.target } });
    return sendJson(req, reply, approval);
  },
};

export default reject;
