import type { Fragment } from './sql.js';

/** How a field's value is kept in the database; the dialect maps each kind to a column type. */
export type StorageKind = 'text' | 'number' | 'bool' | 'json';

/** What shared code may ask of a database instead of testing its name. */
export interface DialectCapabilities {
  /** a plain table scan returns rows in insertion order (no ORDER BY needed for the natural order) */
  insertionOrderScans: boolean;
  /**
   * several server processes may serve one database at once, so state that must hold across all of them
   * (rate-limit counters) is kept in the database rather than in each process's memory
   */
  sharedByInstances: boolean;
  /**
   * `SELECT ... FOR UPDATE SKIP LOCKED`: concurrent writers can each lock a different set of queue
   * rows instead of waiting on one another (a database with a single writer has no need of it)
   */
  skipLocked: boolean;
}

/** What differs between databases in the SQL we generate. */
export interface Dialect {
  readonly name: string;
  readonly caps: DialectCapabilities;
  quote(identifier: string): string;
  /** Column type and default for a storage kind; `primaryKey` marks the record id column, `zero` is the default value. */
  columnDefinition(kind: StorageKind, primaryKey: boolean, zero: unknown): string;
  /** App value → database value for a storage kind. */
  encode(kind: StorageKind, value: unknown): unknown;
  /** Database value → app value for a storage kind. */
  decode(kind: StorageKind, raw: unknown): unknown;
  /** True when the JSON array in `column` contains any of `values` (a list, e.g. `sql.list(ids)`). */
  jsonArrayContains(column: Fragment, values: Fragment): Fragment;
  /** A value typed as a column of `kind` (rows built from parameters, such as a record being created). */
  typedValue(kind: StorageKind, value: Fragment): Fragment;
  /** Case-insensitive equality of a column with a value (collection names, identity fields). */
  caseInsensitiveEquals(column: Fragment, value: Fragment): Fragment;
}
