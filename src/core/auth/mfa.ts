import type { App } from '../app.js';
import type { Collection } from '../collection.js';
import { Errors, isApiError } from '../errors.js';
import { storedRecordMatches } from '../records/rule-check.js';
import type { RecordData, RequestInfo } from '../request.js';
import type { AuthMethod } from './auth-types.js';
import { ageSeconds, deleteSystemRow, findSystemRow, insertSystemRow } from './system-rows.js';

export const MFAS = '_mfas';

/** The `mfaId` of the request: query parameter first, then body field. */
function mfaIdOf(info: RequestInfo): string {
  const fromQuery = info.query.mfaId;
  if (typeof fromQuery === 'string' && fromQuery !== '') return fromQuery;
  const fromBody = info.body.mfaId;
  return typeof fromBody === 'string' ? fromBody : '';
}

async function mfaApplies(app: App, collection: Collection, record: RecordData, info: RequestInfo): Promise<boolean> {
  const mfa = collection.auth?.mfa;
  if (!mfa?.enabled) return false;
  if (!mfa.rule || mfa.rule.trim() === '') return true;
  try {
    return await storedRecordMatches(app, app.store, collection, mfa.rule, info, String(record.id));
  } catch (err) {
    if (isApiError(err)) throw err;
    app.log.warn({ err, collection: collection.name }, 'mfa.rule evaluation failed');
    return true;
  }
}

/**
 * The MFA step of a sign-in with `method`. Without an `mfaId` (first factor) it stores an `_mfas`
 * row and throws the 401 `{mfaId}`. With one (second factor) the row must be fresh (within
 * `mfa.duration`), of this record, and of another method; it is then used up.
 */
export async function checkMfa(
  app: App,
  collection: Collection,
  record: RecordData,
  info: RequestInfo,
  method: AuthMethod,
): Promise<void> {
  if (!(await mfaApplies(app, collection, record, info))) return;
  const mfaId = mfaIdOf(info);
  if (mfaId === '') {
    const id = await insertSystemRow(app.store, MFAS, {
      collectionRef: collection.id,
      recordRef: String(record.id),
      method,
    });
    throw Errors.mfaRequired(id);
  }
  const row = await findSystemRow(app.store, MFAS, mfaId);
  if (!row) throw Errors.invalidOrExpiredMfa();
  if (ageSeconds(row.created) > Number(collection.auth?.mfa.duration ?? 1800)) {
    await deleteSystemRow(app.store, MFAS, mfaId);
    throw Errors.invalidOrExpiredMfa();
  }
  if (row.collectionRef !== collection.id || row.recordRef !== record.id) throw Errors.invalidMfa();
  if (row.method === method) throw Errors.mfaSameMethod();
  if (!(await deleteSystemRow(app.store, MFAS, mfaId))) throw Errors.invalidOrExpiredMfa();
}
