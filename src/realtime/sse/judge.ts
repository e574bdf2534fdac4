import type { App } from '../../core/app.js';
import type { Collection } from '../../core/collection.js';
import { getFieldType } from '../../core/fields/index.js';
import type { RecordData, RequestInfo } from '../../core/request.js';
import { type Condition, conditionsOf, MAIN } from '../../core/rules-sql/index.js';
import { sql } from '../../store/sql.js';

/** What a subscriber must satisfy: the collection rule (null: none applies) and the subscription's filter. */
export interface Gate {
  rule: string | null;
  filter: string;
}

/**
 * Does the record as the event carries it satisfy `gate` for `info`? The record's values become a
 * one-row CTE aliased like the records table, so the rule compiled for REST runs unchanged against
 * exactly what was written, a deleted record included (it is judged as it was, not as it is now).
 * A filter that does not compile for this subscriber (non-superusers may not reach `@collection`
 * or `@request` in one) matches nothing.
 */
export async function recordPasses(
  app: App,
  collection: Collection,
  record: RecordData,
  gate: Gate,
  info: RequestInfo,
): Promise<boolean> {
  const conds: Condition[] = [];
  const compiler = conditionsOf(app);
  try {
    if (gate.rule !== null && gate.rule.trim() !== '') conds.push(compiler.rule(collection, gate.rule, info));
    if (gate.filter.trim() !== '') conds.push(compiler.filter(collection, gate.filter, info));
  } catch {
    return false;
  }
  if (conds.length === 0) return true;
  const db = app.store;
  const cols = collection.fields.map((f) => {
    const kind = getFieldType(f.type).storage(f);
    return sql`${db.dialect.typedValue(kind, sql`${db.dialect.encode(kind, record[f.name])}`)} AS ${sql.id(f.name)}`;
  });
  const where = sql.join(
    conds.map((c) => sql`(${c})`),
    ' AND ',
  );
  const row = await db.get(
    sql`WITH ${sql.id('__event')} AS (SELECT ${sql.join(cols)}) SELECT 1 AS ok FROM ${sql.id('__event')} AS ${sql.id(MAIN)} WHERE ${where} LIMIT 1`,
  );
  return row !== undefined;
}

/** Which parts of the subscriber a condition text reads: the key under which its verdict can be shared. */
export function readsOf(text: string): { auth: boolean; query: boolean; headers: boolean } {
  return {
    auth: text.includes('@request.auth'),
    query: text.includes('@request.query'),
    headers: text.includes('@request.headers'),
  };
}
