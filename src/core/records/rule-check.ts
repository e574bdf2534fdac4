import type { Queryable } from '../../store/store.js';
import type { App } from '../app.js';
import type { Collection } from '../collection.js';
import { getFieldType } from '../fields/index.js';
import type { RecordData, RequestInfo } from '../request.js';
import { type Condition, conditionsOf, MAIN } from '../rules-sql/index.js';

/** Compiles a rule, or returns null for the empty rule (everyone). */
export function compileRule(app: App, collection: Collection, rule: string, info: RequestInfo): Condition | null {
  if (rule.trim() === '') return null;
  return conditionsOf(app).rule(collection, rule, info);
}

/** Does the stored record `id` satisfy `rule` for this request? */
export async function storedRecordMatches(
  app: App,
  db: Queryable,
  collection: Collection,
  rule: string,
  info: RequestInfo,
  id: string,
): Promise<boolean> {
  const cond = compileRule(app, collection, rule, info);
  const q = db.dialect.quote;
  const where = cond ? ` AND (${cond.sql})` : '';
  const row = await db.get(
    `SELECT 1 AS ok FROM ${q(collection.name)} AS ${q(MAIN)} WHERE ${q(MAIN)}.${q('id')} = ?${where} LIMIT 1`,
    [id, ...(cond?.params ?? [])],
  );
  return row !== undefined;
}

/** Does a record that is not stored yet (the would-be record of a create) satisfy `rule`? */
export async function newRecordMatches(
  app: App,
  db: Queryable,
  collection: Collection,
  rule: string,
  info: RequestInfo,
  data: RecordData,
): Promise<boolean> {
  const cond = compileRule(app, collection, rule, info);
  if (!cond) return true;
  const q = db.dialect.quote;
  const cols: string[] = [];
  const values: unknown[] = [];
  for (const f of collection.fields) {
    cols.push(`${db.dialect.typedPlaceholder(getFieldType(f.type).storage(f), '?')} AS ${q(f.name)}`);
    values.push(db.dialect.encode(getFieldType(f.type).storage(f), data[f.name]));
  }
  const row = await db.get(
    `WITH ${q('__new')} AS (SELECT ${cols.join(', ')}) SELECT 1 AS ok FROM ${q('__new')} AS ${q(MAIN)} WHERE (${cond.sql}) LIMIT 1`,
    [...values, ...cond.params],
  );
  return row !== undefined;
}
