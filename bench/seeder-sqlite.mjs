import Database from 'better-sqlite3';

const q = (name) => `"${name.replaceAll('"', '""')}"`;

function encode(value) {
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (value !== null && typeof value === 'object') return JSON.stringify(value);
  return value;
}

/** Writes rows straight into the server's SQLite file (WAL mode, so the server's readers see each commit). */
export class SqliteSeeder {
  constructor(file) {
    this.db = new Database(file);
    this.db.pragma('busy_timeout = 30000');
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = NORMAL');
    this.statements = new Map();
  }

  columns(table) {
    return this.db.pragma(`table_info(${q(table)})`).map((c) => c.name);
  }

  statement(table, keys) {
    const sig = `${table}:${keys.join(',')}`;
    let stmt = this.statements.get(sig);
    if (!stmt) {
      const cols = keys.map(q).join(', ');
      stmt = this.db.prepare(`INSERT INTO ${q(table)} (${cols}) VALUES (${keys.map(() => '?').join(', ')})`);
      this.statements.set(sig, stmt);
    }
    return stmt;
  }

  /** Inserts rows in one transaction; keys the table does not have are left out. */
  async insert(table, rows) {
    if (rows.length === 0) return;
    const have = new Set(this.columns(table));
    const keys = Object.keys(rows[0]).filter((k) => have.has(k));
    const stmt = this.statement(table, keys);
    this.db.transaction(() => {
      for (const row of rows) stmt.run(keys.map((k) => encode(row[k])));
    })();
  }

  async count(table) {
    return this.db.prepare(`SELECT COUNT(*) AS n FROM ${q(table)}`).get().n;
  }

  /** Up to `n` ids spread evenly over the table. */
  async sampleIds(table, n) {
    const total = await this.count(table);
    const step = Math.max(1, Math.floor(total / n));
    return this.db
      .prepare(`SELECT id FROM ${q(table)} WHERE (rowid % ?) = 0 LIMIT ?`)
      .pluck()
      .all(step, n);
  }

  async settle() {
    this.db.pragma('wal_checkpoint(TRUNCATE)');
  }

  async exec(sql) {
    this.db.exec(sql);
  }

  async close() {
    this.db.close();
  }
}
