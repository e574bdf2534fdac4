import Database from 'better-sqlite3';
import { LOGS_TABLE, type LogRow, type LogStore } from '../log-store.js';
import { type Fragment, statement } from '../sql.js';
import type { Row } from '../store.js';

type Statement = Database.Statement<unknown[], unknown>;

const SCHEMA = `
CREATE TABLE IF NOT EXISTS "${LOGS_TABLE}" (
  "id" TEXT PRIMARY KEY NOT NULL,
  "created" TEXT DEFAULT '' NOT NULL,
  "level" INTEGER DEFAULT 0 NOT NULL,
  "message" TEXT DEFAULT '' NOT NULL,
  "data" JSON DEFAULT '{}' NOT NULL
);
CREATE INDEX IF NOT EXISTS "idx_logs_created" ON "${LOGS_TABLE}" ("created");
CREATE INDEX IF NOT EXISTS "idx_logs_level" ON "${LOGS_TABLE}" ("level");
`;

const CACHE_LIMIT = 100;

/**
 * Logs in their own SQLite file (`auxiliary.db` beside `data.db`) on a connection of their own, so
 * writing logs never waits for, nor holds up, the data's writer. Losing the last second of logs in
 * a power cut is acceptable: synchronous=NORMAL keeps commits cheap in WAL mode.
 */
class SqliteLogStore implements LogStore {
  private readonly db: Database.Database;
  private readonly insertOne: Statement;
  private readonly cache = new Map<string, Statement>();
  private readonly insertMany: (rows: readonly LogRow[]) => void;

  constructor(file: string) {
    this.db = new Database(file);
    this.db.pragma('busy_timeout = 10000');
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = NORMAL');
    this.db.exec(SCHEMA);
    this.insertOne = this.db.prepare(
      `INSERT INTO "${LOGS_TABLE}" ("id", "created", "level", "message", "data") VALUES (?, ?, ?, ?, ?)`,
    );
    this.insertMany = this.db.transaction((rows: readonly LogRow[]) => {
      for (const r of rows) this.insertOne.run(r.id, r.created, r.level, r.message, r.data);
    });
  }

  private prepare(text: string): Statement {
    let stmt = this.cache.get(text);
    if (!stmt) {
      stmt = this.db.prepare(text);
      if (this.cache.size >= CACHE_LIMIT) this.cache.clear();
      this.cache.set(text, stmt);
    }
    return stmt;
  }

  async insert(rows: readonly LogRow[]): Promise<void> {
    if (rows.length > 0) this.insertMany(rows);
  }

  async all<T = Row>(query: Fragment): Promise<T[]> {
    const [text, values] = statement(query);
    return this.prepare(text).all(...values) as T[];
  }

  async get<T = Row>(query: Fragment): Promise<T | undefined> {
    const [text, values] = statement(query);
    return this.prepare(text).get(...values) as T | undefined;
  }

  async run(query: Fragment): Promise<{ changes: number }> {
    const [text, values] = statement(query);
    return { changes: this.prepare(text).run(...values).changes };
  }

  async close(): Promise<void> {
    this.cache.clear();
    this.db.pragma('wal_checkpoint(TRUNCATE)');
    this.db.close();
  }
}

/** Opens (creating when missing) the logs database in `file`. */
export function openSqliteLogs(file: string): LogStore {
  return new SqliteLogStore(file);
}
