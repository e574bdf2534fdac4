import { sql } from '../../store/sql.js';
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
  const where = cond ? sql` AND (${cond})` : sql.empty;
  const row = await db.get(
    sql`SELECT 1 AS ok FROM ${sql.id(collection.name)} AS ${sql.id(MAIN)} WHERE ${sql.id(MAIN, 'id')} = ${id}${where} LIMIT 1`,
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
  const cols = collection.fields.map((f) => {
    const kind = getFieldType(f.type).storage(f);
    return sql`${db.dialect.typedValue(kind, sql`${db.dialect.encode(kind, data[f.name])}`)} AS ${sql.id(f.name)}`;
  });
  const row = await db.get(
    sql`WITH ${sql.id('__new')} AS (SELECT ${sql.join(cols)}) SELECT 1 AS ok FROM ${sql.id('__new')} AS ${sql.id(MAIN)} WHERE (${cond}) LIMIT 1`,
  );
  return row !== undefined;
}
