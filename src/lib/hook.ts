/**
 * A hook chain: handlers ordered by priority, each receiving the event and calling `await e.next()`
 * to pass it on. The action given to `trigger` is the last link, so a handler can act before it,
 * after it, or instead of it (by not calling `next`). Handlers may be limited to events carrying
 * one of their tags.
 */

/** What every event passed along a chain has: the rest of the chain. */
export interface ChainEvent {
  /** Runs the remaining handlers and then the action; at most once per handler. */
  next(): Promise<void>;
}

export type HandlerFn<E> = (e: E) => void | Promise<void>;

export interface HandlerOptions {
  /** replaces the handler bound earlier under the same id; default: a generated one */
  id?: string;
  /** lower runs first; equal priorities keep the order of binding (default 0) */
  priority?: number;
  /** runs only for events carrying one of these tags (e.g. collection names or ids); default: all */
  tags?: readonly string[];
}

interface Bound<E> {
  readonly id: string;
  readonly priority: number;
  readonly tags: ReadonlySet<string> | null;
  readonly seq: number;
  readonly fn: HandlerFn<E>;
}

const NO_NEXT = async (): Promise<void> => {};

let idCounter = 0;

export class Hook<E extends ChainEvent> {
  /** sorted by priority then binding order; replaced on change so a running trigger keeps its snapshot */
  private handlers: readonly Bound<E>[] = [];
  private seq = 0;

  /** Binds a handler; returns its id (for `unbind`). */
  bind(fn: HandlerFn<E>, opts: HandlerOptions = {}): string {
    const id = opts.id ?? `__h${++idCounter}`;
    const entry: Bound<E> = {
      id,
      priority: opts.priority ?? 0,
      tags: opts.tags && opts.tags.length > 0 ? new Set(opts.tags) : null,
      seq: ++this.seq,
      fn,
    };
    const rest = this.handlers.filter((h) => h.id !== id);
    this.handlers = [...rest, entry].sort((a, b) => a.priority - b.priority || a.seq - b.seq);
    return id;
  }

  unbind(...ids: string[]): void {
    const drop = new Set(ids);
    this.handlers = this.handlers.filter((h) => !drop.has(h.id));
  }

  unbindAll(): void {
    this.handlers = [];
  }

  /** Number of bound handlers. */
  get length(): number {
    return this.handlers.length;
  }

  /** A view of this hook whose handlers apply only to events carrying one of `tags`. */
  tagged(...tags: string[]): TaggedHook<E> {
    return new TaggedHook(this, tags);
  }

  /**
   * Passes `event` along the handlers whose tags match `tags` (handlers without tags always match)
   * and finally to `action`. Rejects with whatever a handler or the action throws.
   */
  trigger(event: E, action: HandlerFn<E> = NO_NEXT, tags?: readonly string[]): Promise<void> {
    const all = this.handlers;
    // a new array only when some handler is left out: most triggers keep them all
    let chain = all;
    for (const h of all) {
      if (h.tags !== null && !matches(h.tags, tags)) {
        chain = all.filter((x) => x.tags === null || matches(x.tags, tags));
        break;
      }
    }
    return new ChainRun(chain, event, action).run(0);
  }
}

/**
 * One pass of an event along a chain. Plain functions returning promises, not async ones: every
 * request passes through several chains, and each async frame is one more object per link that
 * lives as long as the request does.
 */
class ChainRun<E extends ChainEvent> {
  constructor(
    private readonly chain: readonly Bound<E>[],
    private readonly event: E,
    private readonly action: HandlerFn<E>,
  ) {}

  /** Runs link `i` and, through its `next`, the links after it (the action after the last handler). */
  run(i: number): Promise<void> {
    const { event } = this;
    const handler = this.chain[i];
    try {
      if (!handler) {
        event.next = NO_NEXT;
        return Promise.resolve(this.action(event));
      }
      let called = false;
      const next = (): Promise<void> => {
        if (called) return Promise.reject(new Error('next() was called twice by one hook handler'));
        called = true;
        return this.run(i + 1).then(() => {
          event.next = next;
        });
      };
      event.next = next;
      return Promise.resolve(handler.fn(event));
    } catch (err) {
      // a handler or action that throws before returning a promise rejects the trigger, as an async one would
      return Promise.reject(err);
    }
  }
}

function matches(handlerTags: ReadonlySet<string>, eventTags: readonly string[] | undefined): boolean {
  if (!eventTags) return false;
  for (const t of eventTags) if (handlerTags.has(t)) return true;
  return false;
}

/** Binds handlers to a hook with a fixed set of tags (an empty list binds for every event). */
export class TaggedHook<E extends ChainEvent> {
  constructor(
    private readonly hook: Hook<E>,
    private readonly tags: readonly string[],
  ) {}

  bind(fn: HandlerFn<E>, opts: Omit<HandlerOptions, 'tags'> = {}): string {
    return this.hook.bind(fn, { ...opts, tags: this.tags });
  }

  unbind(...ids: string[]): void {
    this.hook.unbind(...ids);
  }
}
