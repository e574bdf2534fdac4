/**
 * Where user code runs: the transaction its data calls join, how deep writes made by hooks are
 * nested, and whether the handler it runs for has been abandoned (timed out). Carried explicitly,
 * never by async context: the `e.app` a handler receives is bound to its context, and a write made
 * through it leaves the context on the write's RequestInfo, where the hooks that write fires find
 * it. (AsyncLocalStorage would let the global `app` find the context by itself, but on Node 20 it
 * installs promise hooks for the whole process, which costs every request far more than hooks do.)
 */
import type { RequestInfo } from '../core/request.js';
import type { Queryable } from '../store/store.js';

export interface CodeContext {
  /** the transaction data calls run in; null: the store */
  readonly db: Queryable | null;
  /** writes made by hook code that led here */
  readonly depth: number;
  /** the handler this runs for gave up (timed out): nothing more may be written */
  cancelled: boolean;
  readonly parent: CodeContext | null;
  /** the hook or route, for messages */
  readonly label: string;
}

/** The context of the code that asked for a write, keyed by the write's RequestInfo. */
const writers = new WeakMap<RequestInfo, CodeContext>();

/** Notes that the write asked for with `info` was made from `ctx`. */
export function markWriter(info: RequestInfo, ctx: CodeContext): void {
  writers.set(info, ctx);
}

/** The context a write was made from; undefined for writes not made by user code (API requests, jobs). */
export function writerOf(info: RequestInfo): CodeContext | undefined {
  return writers.get(info);
}

/** The label of the first abandoned context up the chain, or null when none was. */
export function abandonedBy(ctx: CodeContext | null | undefined): string | null {
  for (let c: CodeContext | null = ctx ?? null; c; c = c.parent) if (c.cancelled) return c.label;
  return null;
}

/** Nested writes by hook code beyond this are a loop. */
export const MAX_WRITE_DEPTH = 20;
