import type { App } from '../app.js';
import type { Collection } from '../collection.js';
import { Errors, isApiError } from '../errors.js';
import { storedRecordMatches } from '../records/rule-check.js';
import type { RecordData, RequestInfo } from '../request.js';

/**
 * Checks the collection `authRule` for the record about to be authenticated, with the
 * incoming request's info. Superuser requests always pass; `null` denies; `""` allows.
 * Throws 403 `authRuleFailed` when the rule is not satisfied.
 */
export async function checkAuthRule(
  app: App,
  collection: Collection,
  record: RecordData,
  info: RequestInfo,
): Promise<void> {
  if (info.requester.isSuperuser) return;
  const rule = collection.auth ? collection.auth.authRule : null;
  if (rule === null || rule === undefined) throw Errors.authRuleFailed();
  if (rule === '') return;
  let ok = false;
  try {
    ok = await storedRecordMatches(app, app.store, collection, rule, info, String(record.id));
  } catch (err) {
    if (isApiError(err)) throw err;
    app.log.warn({ err, collection: collection.name }, 'authRule evaluation failed');
  }
  if (!ok) throw Errors.authRuleFailed();
}
