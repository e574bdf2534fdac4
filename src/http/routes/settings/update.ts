import { changesTwoPersonRule, twoPersonRuleApplies } from '../../../core/approvals/index.js';
import { diffValues } from '../../../core/audit/index.js';
import { publicSettings } from '../../../core/settings/secrets.js';
import type { Settings } from '../../../core/settings/settings.js';
import { updateSettings } from '../../../core/settings/update.js';
import { readBody } from '../../body.js';
import { requireSuperuser } from '../../context.js';
import { sendGuarded } from '../../guarded.js';
import { noteAudit } from '../../hooks/audit-trail.js';
import { sendJson } from '../../reply.js';
import type { RouteDefinition } from '../../route.js';

const update: RouteDefinition = {
  tag: 'settings.update',
  method: 'PATCH',
  url: '/api/settings',
  async handler(req, reply, app) {
    const requester = requireSuperuser(req);
    const { data } = await readBody(req);
    // while the two-person rule is on, changing the rule itself waits for a second superuser
    if (twoPersonRuleApplies(app, requester) && changesTwoPersonRule(app, data)) {
      return sendGuarded(req, reply, app, 'settings.twoPersonRule', { patch: data }, () =>
        sendJson(req, reply, publicSettings(app.settings.get())),
      );
    }
    const before = app.settings.get();
    const after: Settings = await updateSettings(app, data);
    noteAudit(req, { diff: diffValues(before, after) });
    return sendJson(req, reply, publicSettings(after));
  },
};

export default update;
