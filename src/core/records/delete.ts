import { nowDate } from '../../lib/time.js';
import { sql } from '../../store/sql.js';
import type { Queryable } from '../../store/store.js';
import type { App } from '../app.js';
import { type Collection, isMultiple } from '../collection.js';
import { SUPERUSERS } from '../collections/system.js';
import { Errors } from '../errors.js';
import { getFieldType } from '../fields/index.js';
import { removeRecordFilesAfterCommit } from '../files/removal.js';
import type { RecordData, RequestInfo } from '../request.js';
import { rowToRecord } from './codec.js';
import { findRecordById } from './lookup.js';
import { writeWithEvents } from './model-events.js';
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

/** The reference `ref` without `id` in `field`, with its update-time autodates renewed. */
function unlinked(rc: Collection, field: Collection['fields'][number], ref: RecordData, rest: string[]): RecordData {
  const next: RecordData = { ...ref, [field.name]: isMultiple(field) ? rest : '' };
  const now = nowDate();
  for (const f of rc.fields) if (f.type === 'autodate' && f.onUpdate) next[f.name] = now;
  return next;
}

/** Stores the changed relation and autodate columns of an unlinked reference. */
async function saveUnlinked(tx: Queryable, rc: Collection, field: Collection['fields'][number], ref: RecordData) {
  const columns = rc.fields.filter((f) => f === field || (f.type === 'autodate' && f.onUpdate));
  const sets = columns.map(
    (f) => sql`${sql.id(f.name)} = ${tx.dialect.encode(getFieldType(f.type).storage(f), ref[f.name])}`,
  );
  await tx.run(sql`UPDATE ${sql.id(rc.name)} SET ${sql.join(sets)} WHERE ${sql.id('id')} = ${ref.id}`);
}

/**
 * Deletes a record and applies the relation delete semantics to every reference: cascade, fail on
 * a required reference, or unlink. Each delete and unlink is a model event of its own. Must run
 * inside a transaction; `seen` guards against reference cycles.
 */
export async function deleteWithReferences(
  app: App,
  tx: Queryable,
  collection: Collection,
  record: RecordData,
  info: RequestInfo,
  seen = new Set<string>(),
): Promise<void> {
  const key = `${collection.id}/${String(record.id)}`;
  if (seen.has(key)) return;
  seen.add(key);
  await writeWithEvents(app, 'delete', tx, collection, record, record, info, async () => {
    const id = String(record.id);
    for (const { collection: rc, field } of referencesTo(app, collection)) {
      const multi = isMultiple(field);
      const column = sql.id(field.name);
      const cond = multi ? tx.dialect.jsonArrayContains(column, sql`${id}`) : sql`${column} = ${id}`;
      const rows = await tx.all(sql`SELECT * FROM ${sql.id(rc.name)} WHERE ${cond}`);
      for (const row of rows) {
        const ref = rowToRecord(tx.dialect, rc, row);
        if (seen.has(`${rc.id}/${String(ref.id)}`)) continue;
        const rest = multi ? (ref[field.name] as string[]).filter((x) => x !== id) : [];
        if (rest.length === 0 && field.cascadeDelete) {
          await deleteWithReferences(app, tx, rc, ref, info, seen);
          continue;
        }
        if (rest.length === 0 && field.required) throw Errors.deleteRecordFailed();
        await writeWithEvents(app, 'update', tx, rc, unlinked(rc, field, ref, rest), ref, info, (e) =>
          saveUnlinked(tx, rc, field, e.record),
        );
      }
    }
    await tx.run(sql`DELETE FROM ${sql.id(collection.name)} WHERE ${sql.id('id')} = ${id}`);
    removeRecordFilesAfterCommit(app, tx, collection, [id]);
  });
}

/** Deletes a record as a requester may: rule, lookup, references, all in one transaction on `db`. */
export async function deleteRecord(
  app: App,
  collection: Collection,
  id: string,
  info: RequestInfo,
  db: Queryable = app.store,
): Promise<RecordData> {
  if (collection.type === 'view') throw Errors.unsupportedCollectionType();
  const rule = collection.deleteRule;
  if (rule === null && !info.requester.isSuperuser) throw Errors.superusersOnly();
  return db.transaction(async (tx) => {
    const record = await findRecordById(tx, collection, id);
    if (!record) throw Errors.notFound();
    if (!info.requester.isSuperuser && rule && rule.trim() !== '') {
      if (!(await storedRecordMatches(app, tx, collection, rule, info, id))) throw Errors.notFound();
    }
    if (collection.name === SUPERUSERS) {
      const row = await tx.get<{ n: number }>(sql`SELECT COUNT(*) AS n FROM ${sql.id(collection.name)}`);
      if (Number(row?.n ?? 0) <= 1) throw Errors.onlySuperuserDelete();
    }
    await deleteWithReferences(app, tx, collection, record, info);
    return record;
  });
}
