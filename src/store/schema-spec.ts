import type { StorageKind } from './dialect.js';

/** One column of a records table, as the core describes it. */
export interface ColumnSpec {
  /** the field id: a column keeps its data across renames as long as the id stays */
  id: string;
  name: string;
  kind: StorageKind;
  primaryKey: boolean;
  zero: unknown;
  /** multi-value select/relation/file (a JSON array); switching this converts the data */
  multiple: boolean;
}

export interface TableSpec {
  type: 'table';
  name: string;
  columns: ColumnSpec[];
  /** CREATE INDEX statements, already pointing at `name` */
  indexes: string[];
}

export interface ViewSpec {
  type: 'view';
  name: string;
  /** a single SELECT statement */
  query: string;
  /** the result columns, in order; when given, `id` is exposed as text */
  columns?: string[];
}

export type SchemaSpec = TableSpec | ViewSpec;

/** A result column of a SELECT, as the database sees it. */
export interface ViewColumnInfo {
  name: string;
  /** declared type when the database knows one, else '' */
  type: string;
}

export interface IndexFailure {
  /** position in the collection's `indexes` list */
  position: number;
  indexName: string;
  reason: string;
}

/** Indexes of the new schema could not be created (bad expression, duplicates under a UNIQUE index…). */
export class IndexCreateError extends Error {
  constructor(readonly failures: IndexFailure[]) {
    super(failures.map((f) => `failed to create index ${f.indexName}: ${f.reason}`).join('; '));
  }
}
