import type { Expr } from '../../rules/index.js';
import type { Aliases, Fragment, SqlCompiler } from '../../store/compiler.js';
import type { Collection } from '../collection.js';

/** Collections by id or name. */
export interface Catalog {
  find(idOrName: string): Collection | undefined;
}

/** What the compiled SQL may depend on about the requester (part of the template cache key). */
export interface RequesterShape {
  /** An auth record is present (not a guest). */
  readonly present: boolean;
  /** Its collection, when known. */
  readonly collection: Collection | null;
}

/** Everything the field resolver needs while one statement is compiled. */
export interface ResolveContext {
  readonly sql: SqlCompiler;
  readonly catalog: Catalog;
  readonly aliases: Aliases;
  /**
   * Client filter/sort of a non-superuser: no `@collection.`/`@request.`, no hidden fields, and every
   * collection joined through it must have a listRule (whose expression then applies to the joined rows).
   */
  readonly restricted: boolean;
  readonly requester: RequesterShape;
  /**
   * Conditions the whole statement must satisfy, by path: a related record reached by a restricted
   * client filter or sort that its collection's listRule hides excludes the main record.
   */
  readonly guards: Map<string, Fragment>;
  /** Compiles another expression in rule mode (a joined collection's listRule, a `:changed` expansion). */
  compile(collection: Collection, rootAlias: string, expr: Expr): Fragment;
}

/** The collection an expression is evaluated against, and the alias of its row. */
export interface ResolveBase {
  readonly ctx: ResolveContext;
  readonly collection: Collection;
  readonly rootAlias: string;
}
