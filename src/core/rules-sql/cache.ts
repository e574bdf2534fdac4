import { FilterSyntaxError } from '../../rules/index.js';
import { type Bind, FilterCompileError } from '../../store/compiler.js';
import { Errors } from '../errors.js';

/** A compiled rule, filter or sort: fixed SQL text plus the getters of its parameters. */
export interface Template {
  readonly sql: string;
  readonly binds: readonly Bind[];
  /** sorts only: a condition the listed rows must also satisfy */
  readonly where?: Template;
}

export function isCompileError(error: unknown): error is FilterSyntaxError | FilterCompileError {
  return error instanceof FilterSyntaxError || error instanceof FilterCompileError;
}

/**
 * Compiled templates by key, least recently used first out; a key that failed to compile is
 * remembered too (as null). Everything is dropped when the collection registry version changes.
 */
export class TemplateCache {
  private readonly entries = new Map<string, Template | null>();
  private version = Number.NaN;

  constructor(readonly limit = 1000) {}

  get size(): number {
    return this.entries.size;
  }

  /** The template for `key`, built once; throws a 400 when it does not compile. */
  get(version: number, key: string, build: () => Template): Template {
    if (version !== this.version) {
      this.entries.clear();
      this.version = version;
    }
    let entry = this.entries.get(key);
    if (entry === undefined) {
      try {
        entry = build();
      } catch (error) {
        if (!isCompileError(error)) throw error;
        entry = null;
      }
      if (this.entries.size >= this.limit) this.entries.delete(this.entries.keys().next().value as string);
    } else {
      this.entries.delete(key);
    }
    this.entries.set(key, entry);
    if (entry === null) throw Errors.badRequest();
    return entry;
  }
}
