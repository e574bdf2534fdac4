import type { StorageKind } from '../../store/dialect.js';
import type { Collection, Field, FieldTypeName } from '../collection.js';
import type { ErrorData, FieldError } from '../validation.js';

/** The storage kinds belong to the store contract; fields name theirs through this module too. */
export type { StorageKind };

/**
 * Body modifiers: `field+` is append, `+field` prepend, `field-` remove.
 * Number fields read append as add and remove as subtract.
 */
export type ModifierOp = 'append' | 'prepend' | 'remove';

export interface OptionsContext {
  collection: Collection;
  /** the field as it was stored before this change, when it already existed */
  previous?: Field;
  /** finds another collection by id or name */
  findCollection(idOrName: string): Collection | undefined;
}

export interface ValueContext {
  collection: Collection;
  isNew: boolean;
}

/** The behaviour of one field type; one implementation per file in this folder. */
export interface FieldType {
  readonly name: FieldTypeName;
  /** Type-specific option keys with their defaults (the API JSON keys besides id/name/type/system/hidden/presentable). */
  defaults(): Record<string, unknown>;
  /** Validates and normalises the options in place; returns errors keyed by option name. */
  validateOptions(field: Field, ctx: OptionsContext): ErrorData;
  storage(field: Field): StorageKind;
  /** The zero value, as the API returns it. */
  zero(field: Field): unknown;
  /** Normalises an input value (JSON body or inferred form value) into the stored app value. */
  coerce(field: Field, input: unknown): unknown;
  /** Validates a coerced value; null when valid. Relation existence is checked by the record service. */
  validate(field: Field, value: unknown, ctx: ValueContext): FieldError | null;
  /** Applies a body modifier to the current value, for types that support modifiers. */
  modify?(field: Field, current: unknown, op: ModifierOp, input: unknown): unknown;
  /**
   * The value for a `field:autogenerate` key: the submitted prefix plus a generated part. Types
   * without it ignore that key, like any other modifier they do not support.
   */
  autogenerate?(field: Field, prefix: string): string;
  /** True when the value counts as empty (for `required`). */
  isEmpty(field: Field, value: unknown): boolean;
  /** How many request-body bytes a value may need, for types that raise the body limit (file, editor, json). */
  maxBodySize?(field: Field): number;
}
