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
import { Entry, watchdogFor } from './watchdog.js';

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

/**
 * One guarded call: the code context its handler runs in, its clock, and what the handler has done
 * so far, all in one object (a hooked write makes several of these; each allocation shows).
 */
class GuardedCall<E extends ChainEvent> extends Entry implements CodeContext {
  readonly db: Queryable | null;
  readonly depth: number;
  cancelled = false;
  readonly parent: CodeContext | null;
  readonly label: string;
  private nextCalled = false;
  /** the error the rest of the chain rejected with, if it did */
  private fromNext: unknown = NONE;
  private readonly chainNext: () => Promise<void>;
  /** rejects the call's promise early when the handler times out */
  reject: ((err: unknown) => void) | null = null;

  constructor(
    private readonly opts: GuardOptions<E>,
    private readonly e: E,
  ) {
    super();
    const parent = opts.parent?.(e) ?? null;
    this.parent = parent;
    this.depth = parent?.depth ?? 0;
    this.db = opts.db ? opts.db(e) : null;
    this.label = opts.label;
    this.chainNext = e.next;
    e.next = () => this.next();
  }

  // not an async function: each await inside a write transaction holds up the writes queued behind it
  private next(): Promise<void> {
    if (this.cancelled) return Promise.reject(new Error(`${this.label} called e.next() after it timed out`));
    if (this.nextCalled) return Promise.reject(new Error(`${this.label} called e.next() twice`));
    this.nextCalled = true;
    this.pause();
    return this.chainNext().then(
      () => this.resume(),
      (err: unknown) => {
        this.resume();
        this.fromNext = err;
        throw err;
      },
    );
  }

  override fire(): void {
    this.cancelled = true;
    const { label, timeoutMs, timeoutHint } = this.opts;
    this.opts.log.error(
      { hook: label, timeoutMs },
      `${label} did not finish within ${timeoutMs} ms: the request answers 504${timeoutHint ?? ''}`,
    );
    this.reject?.(Errors.hookTimeout());
  }

  /** The handler threw or rejected: logs what arose here, and throws it on. */
  failed(err: unknown): never {
    this.done();
    // errors passing through from the rest of the chain were reported where they arose
    if (err !== this.fromNext && !isApiError(err))
      this.opts.log.error({ err, hook: this.label }, `${this.label} failed`);
    throw err;
  }

  /** The handler returned: throws when it neither passed the event on nor answered. */
  finished(): void {
    this.done();
    const { answered } = this.opts;
    if (answered && !this.nextCalled && !answered(this.e)) {
      const message = `${this.label} returned without calling e.next() or answering`;
      this.opts.log.error({ hook: this.label }, message);
      throw new Error(message);
    }
  }
}

/** Wraps `run` as a chain handler (see GuardOptions). */
export function guard<E extends ChainEvent>(
  run: (e: E, ctx: CodeContext) => unknown,
  opts: GuardOptions<E>,
): (e: E) => Promise<void> {
  const dog = watchdogFor(opts.timeoutMs);
  return (e) => {
    const call = dog.start(opts.timeoutMs, new GuardedCall(opts, e));
    let out: unknown;
    try {
      out = run(e, call);
    } catch (err) {
      return Promise.reject(err).catch((thrown: unknown) => call.failed(thrown));
    }
    if (!isThenable(out)) {
      try {
        call.finished();
        return Promise.resolve();
      } catch (err) {
        return Promise.reject(err);
      }
    }
    const pending = out;
    return new Promise<void>((resolve, reject) => {
      call.reject = reject;
      pending.then(
        () => {
          try {
            call.finished();
            resolve();
          } catch (err) {
            reject(err);
          }
        },
        (err: unknown) => {
          try {
            call.failed(err);
          } catch (thrown) {
            reject(thrown);
          }
        },
      );
    });
  };
}
