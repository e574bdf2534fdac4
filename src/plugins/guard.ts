/**
 * Runs one handler of user code with the safety rails every hook and custom route gets: a time
 * limit (not counting the time spent inside `e.next()`), a clear error when it returns without
 * passing the event on or answering, logs naming the hook and its file, and a context that stops
 * writes from a handler that was given up on (the handler's `e.app` is bound to it). Handlers often
 * run inside a write transaction, where every extra await delays the writes queued behind it: the
 * wrapper adds as few as it can.
 */
import type { Logger } from 'pino';
import { Errors, isApiError } from '../core/errors.js';
import type { ChainEvent } from '../lib/hook.js';
import type { Queryable } from '../store/store.js';
import type { CodeContext } from './context.js';
import { watchdogFor } from './watchdog.js';

export interface GuardOptions<E> {
  /** e.g. `onRecordCreate (basalt_hooks/main.ts)` */
  label: string;
  timeoutMs: number;
  log: Logger;
  /** the transaction data calls of the handler join (model hooks: the write's) */
  db?: (e: E) => Queryable | null;
  /** the context of the code that led to this event (model hooks: whoever made the write) */
  parent?: (e: E) => CodeContext | null | undefined;
  /** said when the handler times out, after what happened */
  timeoutHint?: string;
  /** when set, a handler that neither calls `next()` nor makes this true has failed */
  answered?: (e: E) => boolean;
}

const NONE = Symbol('none');

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return typeof (value as { then?: unknown } | null)?.then === 'function';
}

/** Wraps `run` as a chain handler (see GuardOptions). */
export function guard<E extends ChainEvent>(
  run: (e: E, ctx: CodeContext) => unknown,
  opts: GuardOptions<E>,
): (e: E) => Promise<void> {
  const { label, timeoutMs, log } = opts;
  const dog = watchdogFor(timeoutMs);

  return (e) => {
    const parent = opts.parent?.(e) ?? null;
    const ctx: CodeContext = {
      db: opts.db ? opts.db(e) : null,
      depth: parent?.depth ?? 0,
      cancelled: false,
      parent,
      label,
    };
    let nextCalled = false;
    let fromNext: unknown = NONE;
    const chainNext = e.next;
    // not an async function: each await inside a write transaction holds up the writes queued behind it
    e.next = () => {
      if (ctx.cancelled) return Promise.reject(new Error(`${label} called e.next() after it timed out`));
      if (nextCalled) return Promise.reject(new Error(`${label} called e.next() twice`));
      nextCalled = true;
      watch.pause();
      return chainNext().then(
        () => watch.resume(),
        (err: unknown) => {
          watch.resume();
          fromNext = err;
          throw err;
        },
      );
    };
    const failed = (err: unknown): never => {
      watch.done();
      // errors passing through from the rest of the chain were reported where they arose
      if (err !== fromNext && !isApiError(err)) log.error({ err, hook: label }, `${label} failed`);
      throw err;
    };
    const finished = (): void => {
      watch.done();
      if (opts.answered && !nextCalled && !opts.answered(e)) {
        const message = `${label} returned without calling e.next() or answering`;
        log.error({ hook: label }, message);
        throw new Error(message);
      }
    };
    let timedOut: ((err: unknown) => void) | null = null;
    const watch = dog.watch(timeoutMs, () => {
      ctx.cancelled = true;
      log.error(
        { hook: label, timeoutMs },
        `${label} did not finish within ${timeoutMs} ms: the request answers 504${opts.timeoutHint ?? ''}`,
      );
      timedOut?.(Errors.hookTimeout());
    });
    let out: unknown;
    try {
      out = run(e, ctx);
    } catch (err) {
      return Promise.reject(err).catch(failed);
    }
    if (!isThenable(out)) return Promise.resolve().then(finished);
    return new Promise<void>((resolve, reject) => {
      timedOut = reject;
      out.then(
        () => {
          try {
            finished();
            resolve();
          } catch (err) {
            reject(err);
          }
        },
        (err: unknown) => {
          try {
            failed(err);
          } catch (thrown) {
            reject(thrown);
          }
        },
      );
    });
  };
}
