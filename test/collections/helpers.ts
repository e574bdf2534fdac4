import assert from 'node:assert/strict';
import type { App } from '../../src/core/app.js';
import { ApiError } from '../../src/core/errors.js';
import type { Row } from '../../src/store/store.js';

/** The value at a dotted path of nested error data. */
export function at(data: unknown, path: string): unknown {
  let cur: unknown = data;
  for (const key of path.split('.')) {
    if (typeof cur !== 'object' || cur === null) return undefined;
    cur = (cur as Record<string, unknown>)[key];
  }
  return cur;
}

/** Awaits a failing call and returns its ApiError. */
export async function apiError(promise: Promise<unknown>): Promise<ApiError> {
  try {
    await promise;
  } catch (err) {
    assert.ok(err instanceof ApiError, `expected an ApiError, got ${String(err)}`);
    return err;
  }
  assert.fail('expected the call to fail');
}

/** Asserts a validation failure with `code` at `path` of the error data. */
export async function expectInvalid(
  promise: Promise<unknown>,
  path: string,
  code: string,
  message?: string,
): Promise<ApiError> {
  const err = await apiError(promise);
  assert.equal(err.kind, 'invalid');
  if (message) assert.equal(err.message, message);
  const item = at(err.data, path) as { code?: string } | undefined;
  assert.equal(item?.code, code, `data.${path} in ${JSON.stringify(err.data)}`);
  return err;
}

/** Which of `names` exist as tables or views in the database. */
export async function existingTables(app: App, names: readonly string[]): Promise<string[]> {
  if (names.length === 0) return [];
  const marks = names.map(() => '?').join(', ');
  const sql =
    app.store.dialect.name === 'postgres'
      ? `SELECT table_name AS name FROM information_schema.tables WHERE table_schema = current_schema() AND table_name IN (${marks})`
      : `SELECT name FROM sqlite_master WHERE type IN ('table', 'view') AND name IN (${marks})`;
  const rows = await app.store.all<{ name: string }>(sql, names);
  return rows.map((r) => r.name).sort();
}

/** Names of the indexes created on `table` from collection definitions (not the primary key's). */
export async function indexNames(app: App, table: string): Promise<string[]> {
  const sql =
    app.store.dialect.name === 'postgres'
      ? `SELECT ic.relname AS name FROM pg_index i
         JOIN pg_class ic ON ic.oid = i.indexrelid JOIN pg_class t ON t.oid = i.indrelid
         JOIN pg_namespace n ON n.oid = t.relnamespace
         WHERE n.nspname = current_schema() AND t.relname = ? AND NOT i.indisprimary ORDER BY 1`
      : "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = ? AND sql IS NOT NULL ORDER BY name";
  const rows = await app.store.all<{ name: string }>(sql, [table]);
  return rows.map((r) => String(r.name));
}

/**
 * Every column of every row of `table`, ordered by id. PostgreSQL tables carry a hidden
 * insertion-order column (`_rowid_`, standing in for SQLite's rowid); it is left out.
 */
export async function tableRows(app: App, table: string): Promise<Row[]> {
  const q = app.store.dialect.quote;
  const rows = await app.store.all(`SELECT * FROM ${q(table)} ORDER BY ${q('id')}`);
  for (const row of rows) delete row._rowid_;
  return rows;
}
