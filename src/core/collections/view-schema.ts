import type { ViewColumnInfo } from '../../store/schema-spec.js';
import type { Migrator, Queryable } from '../../store/store.js';
import type { Collection, Field } from '../collection.js';
import type { Catalog } from './catalog.js';
import { fieldIdChecksum, withNumericSuffix } from './ids.js';
import { DEFAULT_ID_PATTERN, makeField } from './scaffolds.js';
import { type ParsedSelect, parseSelect, type SelectItem, unquoteIdentifier, ViewQueryError } from './view-query.js';

export { ViewQueryError } from './view-query.js';

const CAST = /^cast\s*\(([\s\S]*)\s+as\s+(\w+)\s*\)$/i;

function castField(type: string, name: string): Field | null {
  switch (type.toLowerCase()) {
    case 'real':
    case 'decimal':
    case 'numeric':
      return makeField('number', name);
    case 'int':
    case 'integer':
      return makeField('number', name, { onlyInt: true });
    case 'text':
      return makeField('text', name);
    case 'boolean':
    case 'bool':
      return makeField('bool', name);
    default:
      return null;
  }
}

/** `alias.column` or `column` (quoted or bare) → its parts; null for any other expression. */
function columnRef(expr: string): { table: string; column: string } | null {
  const part = '(?:"(?:[^"]|"")+"|`[^`]+`|\\[[^\\]]+\\]|[A-Za-z_$][\\w$]*)';
  const m = new RegExp(`^(?:(${part})\\.)?(${part})$`).exec(expr.trim());
  if (!m) return null;
  return { table: m[1] ? unquoteIdentifier(m[1]) : '', column: unquoteIdentifier(m[2] as string) };
}

function sourceField(item: SelectItem, name: string, parsed: ParsedSelect, catalog: Catalog): Field | null {
  const ref = columnRef(item.expr);
  if (!ref) return null;
  const lower = ref.table.toLowerCase();
  const table = ref.table
    ? parsed.tables.find((t) => t.alias.toLowerCase() === lower || t.name.toLowerCase() === lower)
    : parsed.tables[0];
  const source = table ? catalog.find(table.name) : undefined;
  if (!source || source.name.toLowerCase() !== table?.name.toLowerCase()) return null;
  const original = source.fields.find((f) => f.name.toLowerCase() === ref.column.toLowerCase());
  if (!original) return null;
  if (original.name === 'id') return makeField('relation', name, { collectionId: source.id, maxSelect: 1 });
  const copy = structuredClone(original);
  copy.name = name;
  copy.id = '';
  return copy;
}

/**
 * The field a result column maps to: `id` is the text primary key; `count(…)` and `total(…)` are
 * numbers; a CAST takes the type cast to; a column read from a source collection copies its field
 * (its id becomes a relation); anything else is json.
 */
function inferField(item: SelectItem | undefined, name: string, parsed: ParsedSelect, catalog: Catalog): Field {
  if (name === 'id') {
    return makeField('text', 'id', { system: true, required: true, primaryKey: true, pattern: DEFAULT_ID_PATTERN });
  }
  if (item) {
    const lower = item.expr.toLowerCase();
    if (lower.startsWith('count(')) return makeField('number', name, { onlyInt: true });
    if (lower.startsWith('total(')) return makeField('number', name);
    const cast = CAST.exec(item.expr.trim());
    const byCast = cast ? castField(cast[2] as string, name) : null;
    if (byCast) return byCast;
    const copied = sourceField(item, name, parsed, catalog);
    if (copied) return copied;
  }
  return makeField('json', name, { maxSize: 1 });
}

/** Rejects what a view query may not contain before the database sees it. */
export function checkViewQuery(query: string): ParsedSelect {
  const parsed = parseSelect(query);
  for (const item of parsed.items) {
    if (item.expr === '*' || item.expr.endsWith('.*'))
      throw new ViewQueryError('dynamic column names are not supported');
  }
  return parsed;
}

/** Builds the fields of a view from its query and the result columns the database reports. */
export function viewFieldsFrom(query: string, columns: ViewColumnInfo[], catalog: Catalog): Field[] {
  const parsed = checkViewQuery(query);
  if (!columns.some((c) => c.name === 'id')) {
    throw new ViewQueryError(
      "missing required id column (you can use `(ROW_NUMBER() OVER()) as id` if you don't have one)",
    );
  }
  const sameCount = parsed.items.length === columns.length;
  const fields: Field[] = [];
  for (const [i, col] of columns.entries()) {
    const item = sameCount ? parsed.items[i] : parsed.items.find((it) => it.alias === col.name);
    const field = inferField(item, col.name, parsed, catalog);
    const wanted = field.id || fieldIdChecksum(field.type, col.name);
    field.id = withNumericSuffix(wanted, (id) => fields.some((f) => f.id === id));
    fields.push(field);
  }
  return fields;
}

/** Checks the query with the database and generates the view's fields; throws ViewQueryError. */
export async function createViewFields(
  tx: Queryable,
  migrator: Migrator,
  query: string,
  catalog: Catalog,
): Promise<Field[]> {
  checkViewQuery(query);
  let columns: ViewColumnInfo[];
  try {
    columns = await tx.transaction((sp) => migrator.viewColumns(sp, query));
  } catch (err) {
    throw new ViewQueryError(err instanceof Error ? err.message : String(err));
  }
  return viewFieldsFrom(query, columns, catalog);
}

/** Names of the collections a view query reads from (FROM and JOIN clauses). */
export function viewSourceNames(view: Collection): string[] {
  try {
    return parseSelect(view.viewQuery ?? '').tables.map((t) => t.name);
  } catch {
    return [];
  }
}
