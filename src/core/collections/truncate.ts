import { sql } from '../../store/sql.js';
import type { Queryable } from '../../store/store.js';
import type { Collection, Field } from '../collection.js';
import { isMultiple } from '../collection.js';
import { Errors } from '../errors.js';
import { getFieldType } from '../fields/index.js';
import { relationsTo } from './references.js';

const CHUNK = 500;

function idsOf(value: unknown): string[] {
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === 'string' && v !== '');
  return typeof value === 'string' && value !== '' ? [value] : [];
}

/** Rows of `c` whose relation `field` holds at least one of `ids`. */
async function referencingRows(tx: Queryable, c: Collection, field: Field, ids: Set<string>) {
  const kind = getFieldType(field.type).storage(field);
  const column = sql.id(field.name);
  const select = sql`SELECT ${sql.id('id')}, ${column} AS ${sql.id('ref')} FROM ${sql.id(c.name)}`;
  const rows: Array<{ id: string; refs: string[] }> = [];
  const push = (raw: Array<Record<string, unknown>>) => {
    for (const r of raw) {
      const refs = idsOf(tx.dialect.decode(kind, r.ref));
      if (refs.some((id) => ids.has(id))) rows.push({ id: String(r.id), refs });
    }
  };
  if (isMultiple(field)) {
    push(await tx.all(sql`${select} WHERE ${column} IS NOT NULL AND ${column} != '[]'`));
    return rows;
  }
  const list = [...ids];
  for (let i = 0; i < list.length; i += CHUNK) {
    const chunk = list.slice(i, i + CHUNK);
    push(await tx.all(sql`${select} WHERE ${column} IN (${sql.list(chunk)})`));
  }
  return rows;
}

async function deleteIds(tx: Queryable, c: Collection, ids: string[]): Promise<void> {
  for (let i = 0; i < ids.length; i += CHUNK) {
    const chunk = ids.slice(i, i + CHUNK);
    await tx.run(sql`DELETE FROM ${sql.id(c.name)} WHERE ${sql.id('id')} IN (${sql.list(chunk)})`);
  }
}

type Scheduled = Map<string, Set<string>>;

/**
 * Applies the record delete semantics to every relation pointing at the `ids` of `target`:
 * cascade-delete the referencing record when its list becomes empty, fail when the field is
 * required, else remove the ids from the list. Then deletes the records themselves.
 */
async function deleteRecordsCascade(
  tx: Queryable,
  all: readonly Collection[],
  target: Collection,
  ids: string[],
  scheduled: Scheduled = new Map(),
): Promise<void> {
  const mine = scheduled.get(target.id) ?? new Set<string>();
  scheduled.set(target.id, mine);
  const fresh = ids.filter((id) => !mine.has(id));
  if (fresh.length === 0) return;
  for (const id of fresh) mine.add(id);
  const gone = new Set(fresh);
  const refs = [
    ...relationsTo(
      target,
      all.filter((c) => c.type !== 'view'),
    ),
  ];
  for (const f of target.fields)
    if (f.type === 'relation' && f.collectionId === target.id) refs.push({ collection: target, field: f });
  for (const { collection, field } of refs) {
    const already = scheduled.get(collection.id);
    const cascade: string[] = [];
    for (const row of await referencingRows(tx, collection, field, gone)) {
      if (already?.has(row.id) || (collection.id === target.id && gone.has(row.id))) continue;
      const remaining = row.refs.filter((id) => !gone.has(id));
      if (remaining.length === 0 && field.cascadeDelete === true) {
        cascade.push(row.id);
        continue;
      }
      if (remaining.length === 0 && field.required === true) throw Errors.truncateCollectionFailed();
      const value = isMultiple(field) ? remaining : (remaining[remaining.length - 1] ?? '');
      const encoded = tx.dialect.encode(getFieldType(field.type).storage(field), value);
      await tx.run(
        sql`UPDATE ${sql.id(collection.name)} SET ${sql.id(field.name)} = ${encoded} WHERE ${sql.id('id')} = ${row.id}`,
      );
    }
    if (cascade.length > 0) await deleteRecordsCascade(tx, all, collection, cascade, scheduled);
  }
  await deleteIds(tx, target, fresh);
}

/**
 * Deletes every record of a base/auth collection, with the relation semantics of record deletes.
 * Returns the ids deleted, by collection id (the target's own and those cascades reached).
 */
export async function truncateRecords(
  tx: Queryable,
  all: readonly Collection[],
  target: Collection,
): Promise<Map<string, Set<string>>> {
  const rows = await tx.all<{ id: unknown }>(sql`SELECT ${sql.id('id')} FROM ${sql.id(target.name)}`);
  const deleted: Scheduled = new Map();
  await deleteRecordsCascade(
    tx,
    all,
    target,
    rows.map((r) => String(r.id)),
    deleted,
  );
  return deleted;
}
