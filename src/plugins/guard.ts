/**
 * Runs one handler of user code with the safety rails every hook and custom route gets: a time
 * limit (not counting the time spent inside `e.next()`), a clear error when it returns without
 * passing the event on or answering, logs naming the hook and its file, and a context that stops
 * writes from a handler that was given up on.
 */
import type { Logger } from 'pino';
import { Errors, isApiError } from '../core/errors.js';
import type { ChainEvent } from '../lib/hook.js';
import type { Queryable } from '../store/store.js';
import { type CodeContext, currentContext, runInContext } from './context.js';

export interface GuardOptions<E> {
  /** e.g. `onRecordCreate (basalt_hooks/main.ts)` */
  label: string;
  timeoutMs: number;
  log: Logger;
  /** the transaction data calls of the handler join (model hooks: the write's) */
  db?: (e: E) => Queryable | null;
  /** when set, a handler that neither calls `next()` nor makes this true has failed */
  answered?: (e: E) => boolean;
}

const NONE = Symbol('none');

/** Wraps `run` as a chain handler (see GuardOptions). */
export function guard<E extends ChainEvent>(run: (e: E) => unknown, opts: GuardOptions<E>): (e: E) => Promise<void> {
  const { label, timeoutMs, log } = opts;
  return (e) =>
    new Promise<void>((resolve, reject) => {
      const parent = currentContext();
      const ctx: CodeContext = {
        db: opts.db ? opts.db(e) : (parent?.db ?? null),
        depth: parent?.depth ?? 0,
        cancelled: false,
        parent: parent ?? null,
        label,
      };
      let settled = false;
      let timer: NodeJS.Timeout | undefined;
      let remaining = timeoutMs;
      let started = 0;
      let nextCalled = false;
      let fromNext: unknown = NONE;
      const onTimeout = () => {
        if (settled) return;
        settled = true;
        ctx.cancelled = true;
        log.error(
          { hook: label, timeoutMs },
          `${label} did not finish within ${timeoutMs} ms: the request answers 504`,
        );
        reject(Errors.hookTimeout());
      };
      const arm = () => {
        started = performance.now();
        timer = setTimeout(onTimeout, Math.max(0, remaining));
        timer.unref();
      };
      const chainNext = e.next;
      e.next = async () => {
        if (ctx.cancelled) throw new Error(`${label} called e.next() after it timed out`);
        if (nextCalled) throw new Error(`${label} called e.next() twice`);
        nextCalled = true;
        clearTimeout(timer);
        remaining -= performance.now() - started;
        try {
          await chainNext();
        } catch (err) {
          fromNext = err;
          throw err;
        } finally {
          if (!settled) arm();
        }
      };
      arm();
      runInContext(ctx, () => Promise.resolve().then(() => run(e))).then(
        () => {
          if (settled) return;
          settled = true;
          clearTimeout(timer);
          if (opts.answered && !nextCalled && !opts.answered(e)) {
            const err = new Error(`${label} returned without calling e.next() or answering`);
            log.error({ hook: label }, err.message);
            reject(err);
            return;
          }
          resolve();
        },
        (err: unknown) => {
          if (settled) {
            log.warn({ err, hook: label }, `${label} failed after it had timed out`);
            return;
          }
          settled = true;
          clearTimeout(timer);
          // errors passing through from the rest of the chain were reported where they arose
          if (err !== fromNext && !isApiError(err)) log.error({ err, hook: label }, `${label} failed`);
          reject(err);
        },
      );
    });
}
