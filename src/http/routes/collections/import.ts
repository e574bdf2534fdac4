import { diffValues } from '../../../core/audit/index.js';
import { collectionToJSON } from '../../../core/collections/service.js';
import { toBool } from '../../../lib/bool.js';
import { readBody } from '../../body.js';
import { requireSuperuser } from '../../context.js';
import { sendGuarded } from '../../guarded.js';
import { noteAudit } from '../../hooks/audit-trail.js';
import { sendNoContent } from '../../reply.js';
import type { RouteDefinition } from '../../route.js';

/** Every collection's JSON by name, to diff an import by. */
function snapshot(all: Iterable<Parameters<typeof collectionToJSON>[0]>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const c of all) out[c.name] = collectionToJSON(c);
  return out;
}

const importRoute: RouteDefinition = {
  tag: 'collections.import',
  method: 'PUT',
  url: '/api/collections/import',
  async handler(req, reply, app) {
    requireSuperuser(req);
    const { data } = await readBody(req);
    const payload = { collections: data.collections, deleteMissing: toBool(data.deleteMissing) };
    const before = snapshot(app.collections.all());
    // with deleteMissing, under the two-person rule, this answers 202 with an approval request instead
    return sendGuarded(req, reply, app, 'collections.import', payload, () => {
      noteAudit(req, { diff: diffValues(before, snapshot(app.collections.all())) });
      return sendNoContent(reply);
    });
  },
};

export default importRoute;
