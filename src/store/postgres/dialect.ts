import { toBool } from '../../lib/bool.js';
import type { Dialect, StorageKind } from '../dialect.js';
import { type Fragment, fragment, quoteIdentifier, sql } from '../sql.js';

const UPPER = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const LOWER = 'abcdefghijklmnopqrstuvwxyz';

/**
 * Lower-cases ASCII letters only, as SQLite's NOCASE collation and LIKE do; `lower()` and ILIKE
 * would also fold non-ASCII letters, and differently per server locale.
 */
export function asciiLower(expr: string): string;
export function asciiLower(expr: Fragment): Fragment;
export function asciiLower(expr: string | Fragment): string | Fragment {
  if (typeof expr !== 'string') return fragment(asciiLower(expr.sql), expr.binds);
  return `translate(${expr}, '${UPPER}', '${LOWER}')`;
}

/** Text columns compare byte-wise, as SQLite's BINARY collation does, whatever the server locale. */
const TEXT = 'TEXT COLLATE "C"';

const sqlString = (value: string) => `'${value.replaceAll("'", "''")}'`;

/**
 * PostgreSQL. JSON values are kept as TEXT holding the JSON, exactly as SQLite keeps them: the bytes
 * (and key order) the API wrote come back unchanged, `~` matches against the same text, and
 * equality and unique indexes behave alike. JSON functions cast with `::jsonb` behind `IS JSON`.
 */
export const postgresDialect: Dialect = {
  name: 'postgres',
  caps: {
    insertionOrderScans: false,
    sharedByInstances: true,
    skipLocked: true,
  },
  quote: quoteIdentifier,
  columnDefinition(kind: StorageKind, primaryKey: boolean, zero: unknown): string {
    if (primaryKey) return `${TEXT} PRIMARY KEY NOT NULL`;
    switch (kind) {
      case 'text':
        return `${TEXT} DEFAULT '' NOT NULL`;
      case 'number':
        return 'DOUBLE PRECISION DEFAULT 0 NOT NULL';
      case 'bool':
        return 'BOOLEAN DEFAULT FALSE NOT NULL';
      case 'json':
        return zero == null ? `${TEXT} DEFAULT NULL` : `${TEXT} DEFAULT ${sqlString(JSON.stringify(zero))} NOT NULL`;
    }
  },
  encode(kind: StorageKind, value: unknown): unknown {
    switch (kind) {
      case 'text':
        return value == null ? '' : String(value);
      case 'number':
        return typeof value === 'number' && Number.isFinite(value) ? value : 0;
      case 'bool':
        return Boolean(value);
      case 'json':
        return value === undefined ? null : JSON.stringify(value);
    }
  },
  decode(kind: StorageKind, raw: unknown): unknown {
    switch (kind) {
      case 'text':
        return raw == null ? '' : String(raw);
      case 'number': {
        const n = typeof raw === 'number' ? raw : Number(raw);
        return Number.isFinite(n) ? n : 0;
      }
      case 'bool':
        return toBool(raw);
      case 'json':
        if (raw == null || raw === '') return null;
        if (typeof raw !== 'string') return raw;
        try {
          return JSON.parse(raw);
        } catch {
          return raw;
        }
    }
  },
  jsonArrayContains: (column, values) =>
    sql`EXISTS (SELECT 1 FROM jsonb_array_elements_text(${jsonArray(column)}) AS "__je"("v") WHERE "__je"."v" IN (${values}))`,
  caseInsensitiveEquals: (column, value) => sql`${asciiLower(column)} = ${asciiLower(value)}`,
  typedValue(kind: StorageKind, value: Fragment): Fragment {
    switch (kind) {
      case 'number':
        return sql`CAST(${value} AS DOUBLE PRECISION)`;
      case 'bool':
        return sql`CAST(${value} AS BOOLEAN)`;
      default:
        return sql`CAST(${value} AS TEXT) COLLATE "C"`;
    }
  },
};

/**
 * JSON text (already checked with IS JSON) → jsonb. jsonb cannot hold U+0000, which JSON may
 * escape: it reads as U+FFFD, as in bound strings.
 */
export function toJsonb(text: string): string {
  return `replace(${text}, '\\u0000', '\\ufffd')::jsonb`;
}

/** `column` as a jsonb array; anything that is not a JSON array text reads as `[]`. */
function jsonArray(column: Fragment): Fragment {
  const text = sql`(${column})::text`;
  return sql`(CASE WHEN ${text} IS JSON ARRAY THEN ${fragment(toJsonb(text.sql), text.binds)} ELSE '[]'::jsonb END)`;
}
