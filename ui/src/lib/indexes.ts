/** Index statements as the collection editor shows and builds them (`CREATE [UNIQUE] INDEX ... ON ... (...)`). */

export interface IndexView {
  unique: boolean;
  name: string;
  columns: string[];
}

const SHAPE = /^\s*CREATE\s+(UNIQUE\s+)?INDEX\s+(?:IF\s+NOT\s+EXISTS\s+)?[`"[]?(\w+)[`"\]]?\s+ON\s+[`"[]?\w*[`"\]]?\s*\(([^)]*)\)/i;

/** The parts of an index statement worth showing, or null when it has another shape (then shown raw). */
export function readIndex(sql: string): IndexView | null {
  const m = SHAPE.exec(sql);
  if (!m) return null;
  const columns = m[3]
    .split(',')
    .map((c) => c.trim().replace(/^[`"[]|[`"\]](?=\s|$)/g, '').split(/\s+/)[0].replace(/[`"[\]]/g, ''))
    .filter(Boolean);
  return { unique: !!m[1], name: m[2], columns };
}

const suffix = () => Math.random().toString(36).slice(2, 8);

/** A new index over `columns` of `table`, named so it does not clash with another collection's. */
export function buildIndex(table: string, columns: string[], unique: boolean): string {
  const name = `idx_${table || 'new'}_${columns.join('_')}`.slice(0, 48).replace(/\W/g, '_');
  const cols = columns.map((c) => `\`${c}\``).join(', ');
  return `CREATE ${unique ? 'UNIQUE ' : ''}INDEX \`${name}_${suffix()}\` ON \`${table}\` (${cols})`;
}

/** The indexes of a copied collection: same columns, fresh names, pointing at the copy's table. */
export function copyIndexes(indexes: readonly string[], table: string): string[] {
  return indexes.map((sql) => {
    const view = readIndex(sql);
    return view ? buildIndex(table, view.columns, view.unique) : sql;
  });
}
