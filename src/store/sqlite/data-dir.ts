import { existsSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';

/** What a SQLite data directory holds, read without changing it: tables with their columns, and `_migrations`. */
export interface SqliteDirFacts {
  /** table and view names → column names */
  tables: Record<string, string[]>;
  /** `file` of every `_migrations` row, in the order they were applied */
  migrations: string[];
  /** ids of the `_params` rows */
  params: string[];
}

/** The facts of `<dataDir>/data.db`; null when there is no such file yet. Opens the file read-only. */
export function inspectSqliteDir(dataDir: string): SqliteDirFacts | null {
  const file = join(dataDir, 'data.db');
  if (!existsSync(file)) return null;
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    db.pragma('busy_timeout = 10000');
    const tables: Record<string, string[]> = {};
    const names = db.prepare("SELECT name FROM sqlite_master WHERE type IN ('table', 'view')").all() as Array<{
      name: string;
    }>;
    for (const { name } of names) {
      const cols = db.prepare('SELECT name FROM pragma_table_info(?)').all(name) as Array<{ name: string }>;
      tables[name] = cols.map((c) => c.name);
    }
    const migrations = tables._migrations
      ? (db.prepare('SELECT file FROM "_migrations" ORDER BY applied, file').all() as Array<{ file: string }>).map(
          (r) => String(r.file),
        )
      : [];
    const params = tables._params
      ? (db.prepare('SELECT id FROM "_params"').all() as Array<{ id: string }>).map((r) => String(r.id))
      : [];
    return { tables, migrations, params };
  } finally {
    db.close();
  }
}
