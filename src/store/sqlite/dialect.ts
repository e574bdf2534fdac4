import { toBool } from '../../lib/bool.js';
import type { Dialect, StorageKind } from '../dialect.js';
import { quoteIdentifier, sql } from '../sql.js';

export const sqliteDialect: Dialect = {
  name: 'sqlite',
  caps: {
    insertionOrderScans: true,
    sharedByInstances: false,
    skipLocked: false,
  },
  quote: quoteIdentifier,
  columnDefinition(kind: StorageKind, primaryKey: boolean, zero: unknown): string {
    if (primaryKey) return 'TEXT PRIMARY KEY NOT NULL';
    switch (kind) {
      case 'text':
        return "TEXT DEFAULT '' NOT NULL";
      case 'number':
        return 'NUMERIC DEFAULT 0 NOT NULL';
      case 'bool':
        return 'BOOLEAN DEFAULT FALSE NOT NULL';
      case 'json':
        return zero == null
          ? 'JSON DEFAULT NULL'
          : `JSON DEFAULT '${JSON.stringify(zero).replaceAll("'", "''")}' NOT NULL`;
    }
  },
  encode(kind: StorageKind, value: unknown): unknown {
    switch (kind) {
      case 'text':
        return value == null ? '' : String(value);
      case 'number':
        return typeof value === 'number' && Number.isFinite(value) ? value : 0;
      case 'bool':
        return value ? 1 : 0;
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
        try {
          return JSON.parse(String(raw));
        } catch {
          return String(raw);
        }
    }
  },
  jsonArrayContains: (column, values) =>
    sql`EXISTS (SELECT 1 FROM json_each(CASE WHEN json_valid(${column}) THEN ${column} ELSE '[]' END) WHERE json_each.value IN (${values}))`,
  typedValue: (_kind, value) => value,
  caseInsensitiveEquals: (column, value) => sql`${column} = ${value} COLLATE NOCASE`,
};
