import pg from 'pg';

const q = (name) => `"${name.replaceAll('"', '""')}"`;

function encode(value, udt) {
  if (udt === 'bool') return Boolean(value);
  if (udt === 'json' || udt === 'jsonb') return value == null ? null : JSON.stringify(value);
  if (typeof value === 'boolean') return value ? 1 : 0;
  return value;
}

/** Writes rows straight into PostgreSQL with one INSERT … SELECT unnest(…) per batch. */
export class PgSeeder {
  constructor(url) {
    this.client = new pg.Client({ connectionString: url });
    this.types = new Map();
  }

  async open() {
    await this.client.connect();
    return this;
  }

  async columnTypes(table) {
    let types = this.types.get(table);
    if (!types) {
      const r = await this.client.query(
        'SELECT column_name, udt_name FROM information_schema.columns WHERE table_name = $1 AND table_schema = current_schema()',
        [table],
      );
      types = new Map(r.rows.map((c) => [c.column_name, c.udt_name]));
      this.types.set(table, types);
    }
    return types;
  }

  async columns(table) {
    return [...(await this.columnTypes(table)).keys()];
  }

  async insert(table, rows) {
    if (rows.length === 0) return;
    const types = await this.columnTypes(table);
    const keys = Object.keys(rows[0]).filter((k) => types.has(k));
    const arrays = keys.map((k) => rows.map((r) => encode(r[k], types.get(k))));
    const casts = keys.map((k, i) => `$${i + 1}::${types.get(k)}[]`).join(', ');
    await this.client.query(
      `INSERT INTO ${q(table)} (${keys.map(q).join(', ')}) SELECT * FROM unnest(${casts})`,
      arrays,
    );
  }

  async count(table) {
    return Number((await this.client.query(`SELECT COUNT(*) AS n FROM ${q(table)}`)).rows[0].n);
  }

  async sampleIds(table, n) {
    return (await this.client.query(`SELECT id FROM ${q(table)} ORDER BY random() LIMIT $1`, [n])).rows.map(
      (x) => x.id,
    );
  }

  async settle() {
    await this.client.query('VACUUM ANALYZE');
  }

  async exec(sql) {
    await this.client.query(sql);
  }

  async close() {
    await this.client.end();
  }
}
