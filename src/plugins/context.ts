/**
 * Where user code runs: the transaction its data calls join, how deep writes made by hooks are
 * nested, and whether the handler it runs for has been abandoned (timed out). Carried by async
 * context so `app.save()` inside a model hook joins the write's transaction (instead of waiting
 * behind it), and a hook that keeps saving the record that triggered it is stopped.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
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

const storage = new AsyncLocalStorage<CodeContext>();

export function currentContext(): CodeContext | undefined {
  return storage.getStore();
}

export function runInContext<T>(ctx: CodeContext, fn: () => T): T {
  return storage.run(ctx, fn);
}

/** The label of the first abandoned context up the chain, or null when none was. */
export function abandonedBy(ctx: CodeContext | undefined): string | null {
  for (let c: CodeContext | null = ctx ?? null; c; c = c.parent) if (c.cancelled) return c.label;
  return null;
}

/** Nested writes by hook code beyond this are a loop. */
export const MAX_WRITE_DEPTH = 20;
