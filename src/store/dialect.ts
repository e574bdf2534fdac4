/** How a field's value is kept in the database; the dialect maps each kind to a column type. */
export type StorageKind = 'text' | 'number' | 'bool' | 'json';

/** What shared code may ask of a database instead of testing its name. */
export interface DialectCapabilities {
  /** a plain table scan returns rows in insertion order (no ORDER BY needed for the natural order) */
  insertionOrderScans: boolean;
}

/** What differs between databases in the SQL we generate. */
export interface Dialect {
  readonly name: string;
  readonly caps: DialectCapabilities;
  /** Placeholder for the n-th parameter (1-based). */
  placeholder(n: number): string;
  quote(identifier: string): string;
  /** Column type and default for a storage kind; `primaryKey` marks the record id column, `zero` is the default value. */
  columnDefinition(kind: StorageKind, primaryKey: boolean, zero: unknown): string;
  /** App value → database value for a storage kind. */
  encode(kind: StorageKind, value: unknown): unknown;
  /** Database value → app value for a storage kind. */
  decode(kind: StorageKind, raw: unknown): unknown;
  /** SQL that is true when the JSON array in `column` contains any of the values bound at `placeholders` (a comma list). */
  jsonArrayContains(column: string, placeholders: string): string;
  /** A bound parameter typed as a column of `kind` (rows built from parameters, such as a record being created). */
  typedPlaceholder(kind: StorageKind, placeholder: string): string;
  /** Case-insensitive equality of a column with a parameter (collection names, identity fields). */
  caseInsensitiveEquals(column: string, placeholder: string): string;
}

/** Collects bound parameters and hands out the dialect's placeholders. */
export class Params {
  readonly values: unknown[] = [];
  constructor(private readonly dialect: Dialect) {}

  add(value: unknown): string {
    this.values.push(value);
    return this.dialect.placeholder(this.values.length);
  }
}
