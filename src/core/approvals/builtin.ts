/**
 * The destructive operations the two-person rule holds back: deleting or truncating a collection,
 * importing collections with `deleteMissing`, deleting a superuser, and changing the rule itself.
 * Backups add theirs (`backups.delete`, `backups.restore`) beside their own code.
 */
import type { Queryable } from '../../store/store.js';
import { deleteCollection, getCollection, importCollections, truncateCollection } from '../collections/service.js';
import { SUPERUSERS } from '../collections/system.js';
import { Errors } from '../errors.js';
import { findRecordById } from '../records/lookup.js';
import { deleteRecordRequest } from '../records/requests.js';
import { requestInfo } from '../request.js';
import { publicSettings } from '../settings/secrets.js';
import { updateSettings } from '../settings/update.js';
import { V } from '../validation.js';
import { defineGuardedAction } from './actions.js';
import { countSuperusers } from './enable-check.js';
import { twoPersonRuleApplies } from './guard.js';

const text = (v: unknown) => (typeof v === 'string' ? v : '');

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

defineGuardedAction('collections.delete', {
  target: (p) => text(p.collection),
  check: async (app, p) => void getCollection(app, text(p.collection)),
  run: (app, p) => deleteCollection(app, text(p.collection)),
});

defineGuardedAction('collections.truncate', {
  target: (p) => text(p.collection),
  check: async (app, p) => void getCollection(app, text(p.collection)),
  run: (app, p) => truncateCollection(app, text(p.collection)),
});

defineGuardedAction('collections.import', {
  target: () => 'collections',
  check: async (_app, p) => {
    const list = p.collections;
    if (list !== undefined && list !== null && !Array.isArray(list)) throw Errors.invalidCollectionFormatting();
    if (!Array.isArray(list) || list.length === 0) throw Errors.validateSubmittedData({ collections: V.required() });
    if (!list.every(isPlainObject)) throw Errors.invalidCollectionFormatting();
  },
  // only an import that would delete a collection needs a second superuser
  destructive: (app, p) => {
    if (p.deleteMissing !== true || !Array.isArray(p.collections)) return false;
    const kept = new Set<string>();
    for (const c of p.collections as Array<Record<string, unknown>>) {
      if (typeof c.id === 'string') kept.add(c.id);
      if (typeof c.name === 'string') kept.add(c.name.toLowerCase());
    }
    return app.collections.all().some((c) => !c.system && !kept.has(c.id) && !kept.has(c.name.toLowerCase()));
  },
  run: (app, p) => importCollections(app, p.collections, p.deleteMissing === true),
});

/** Under the rule, a deletion must leave two superusers: one alone could never have anything approved. */
async function leavesTwo(db: Queryable): Promise<void> {
  if ((await countSuperusers(db)) <= 2) throw Errors.twoPersonRuleNeedsTwo();
}

defineGuardedAction('superusers.delete', {
  target: (p) => `${SUPERUSERS}/${text(p.id)}`,
  check: async (app, p, ctx) => {
    const collection = getCollection(app, SUPERUSERS);
    if (!(await findRecordById(app.store, collection, text(p.id)))) throw Errors.notFound();
    if (twoPersonRuleApplies(app, ctx.requester)) await leavesTwo(app.store);
  },
  run: async (app, p, ctx) => {
    if (app.settings.get().twoPersonRule.enabled) await leavesTwo(app.store);
    const collection = getCollection(app, SUPERUSERS);
    await deleteRecordRequest(app, collection, text(p.id), {
      ...requestInfo(ctx.requester, { method: 'DELETE' }),
      ip: ctx.ip,
    });
    return undefined;
  },
});

defineGuardedAction('settings.twoPersonRule', {
  target: () => 'twoPersonRule',
  run: async (app, p) => {
    const patch = isPlainObject(p.patch) ? p.patch : {};
    return { twoPersonRule: publicSettings(await updateSettings(app, patch)).twoPersonRule };
  },
});
