import { nowDate } from '../../lib/time.js';
import type { Queryable } from '../../store/store.js';
import type { App } from '../app.js';
import { type Collection, isMultiple } from '../collection.js';
import { SUPERUSERS } from '../collections/system.js';
import { Errors } from '../errors.js';
import { getFieldType } from '../fields/index.js';
import type { RecordData, RequestInfo } from '../request.js';
import { rowToRecord } from './codec.js';
import { findRecordById } from './lookup.js';
import { storedRecordMatches } from './rule-check.js';

/** Every relation field (in any collection) that points to `target`. */
function referencesTo(app: App, target: Collection) {
  const out: Array<{ collection: Collection; field: Collection['fields'][number] }> = [];
  for (const c of app.collections.all()) {
    if (c.type === 'view') continue;
    for (const f of c.fields)
      if (f.type === 'relation' && f.collectionId === target.id) out.push({ collection: c, field: f });
  }
  return out;
}

/**
 * Deletes a record and applies §2.12 to every reference: cascade, fail on a required reference, or unlink.
 * Must run inside a transaction; `seen` guards against reference cycles.
 */
export async function deleteWithReferences(
  app: App,
  tx: Queryable,
  collection: Collection,
  record: RecordData,
  seen = new Set<string>(),
): Promise<void> {
  const key = `${collection.id}/${String(record.id)}`;
  if (seen.has(key)) return;
  seen.add(key);
  const q = tx.dialect.quote;
  const id = String(record.id);
  for (const { collection: rc, field } of referencesTo(app, collection)) {
    const multi = isMultiple(field);
    const cond = multi ? tx.dialect.jsonArrayContains(q(field.name), '?') : `${q(field.name)} = ?`;
    const rows = await tx.all(`SELECT * FROM ${q(rc.name)} WHERE ${cond}`, [id]);
    for (const row of rows) {
      const ref = rowToRecord(tx.dialect, rc, row);
      if (seen.has(`${rc.id}/${String(ref.id)}`)) continue;
      const rest = multi ? (ref[field.name] as string[]).filter((x) => x !== id) : [];
      if (rest.length === 0 && field.cascadeDelete) {
        await deleteWithReferences(app, tx, rc, ref, seen);
        continue;
      }
      if (rest.length === 0 && field.required) throw Errors.deleteRecordFailed();
      const sets = [`${q(field.name)} = ?`];
      const values: unknown[] = [tx.dialect.encode(getFieldType(field.type).storage(field), multi ? rest : '')];
      const now = nowDate();
      for (const f of rc.fields) {
        if (f.type === 'autodate' && f.onUpdate) {
          sets.push(`${q(f.name)} = ?`);
          values.push(now);
        }
      }
      await tx.run(`UPDATE ${q(rc.name)} SET ${sets.join(', ')} WHERE ${q('id')} = ?`, [...values, ref.id]);
    }
  }
  await tx.run(`DELETE FROM ${q(collection.name)} WHERE ${q('id')} = ?`, [id]);
}

/** DELETE /records/{id}: rule, lookup, references, all in one transaction. */
export async function deleteRecord(
  app: App,
  collection: Collection,
  id: string,
  info: RequestInfo,
): Promise<RecordData> {
  if (collection.type === 'view') throw Errors.unsupportedCollectionType();
  const rule = collection.deleteRule;
  if (rule === null && !info.requester.isSuperuser) throw Errors.superusersOnly();
  return app.store.transaction(async (tx) => {
    const record = await findRecordById(tx, collection, id);
    if (!record) throw Errors.notFound();
    if (!info.requester.isSuperuser && rule && rule.trim() !== '') {
      if (!(await storedRecordMatches(app, tx, collection, rule, info, id))) throw Errors.notFound();
    }
    if (collection.name === SUPERUSERS) {
      const row = await tx.get<{ n: number }>(`SELECT COUNT(*) AS n FROM ${tx.dialect.quote(collection.name)}`);
      if (Number(row?.n ?? 0) <= 1) throw Errors.onlySuperuserDelete();
    }
    await deleteWithReferences(app, tx, collection, record);
    return record;
  });
}
