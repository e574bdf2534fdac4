import { approveApproval } from '../../../core/approvals/index.js';
import { requireSuperuser } from '../../context.js';
import { noteAudit } from '../../hooks/audit-trail.js';
import { sendJson } from '../../reply.js';
import { pathParam, type RouteDefinition } from '../../route.js';

const approve: RouteDefinition = {
  tag: 'approvals.approve',
  method: 'POST',
  url: '/api/approvals/:id/approve',
  async handler(req, reply, app) {
    const approver = requireSuperuser(req);
    const approval = await approveApproval(app, pathParam(req, 'id'), approver);
    noteAudit(req, {
      data: { approvalAction: approval.action, approvalTarget: approval.target, approvalStatus: approval.status },
    });
    return sendJson(req, reply, approval);
  },
};

export default approve;
