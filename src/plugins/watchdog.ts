/**
 * Time limits for many short runs at once with one timer: each run registers a deadline, and a
 * single interval checks them. A timer per hook call (set, paused around `e.next()`, cleared) costs
 * more than the no-op handler it guards; this costs a list insertion and a clock read.
 */

/**
 * One watched run. Callers extend it (with their `fire`) so that the run's own state and its
 * deadline are one object: on a hot path every allocation per call shows up as collection time.
 */
export abstract class Entry {
  /** performance.now() at which it fires; Infinity while paused */
  deadline = 0;
  /** ms left when paused */
  left = 0;
  dog: Watchdog | null = null;
  /** neighbours in the watchdog's list of running entries */
  before: Entry | null = null;
  after: Entry | null = null;

  /** Called once the deadline has passed. */
  abstract fire(): void;

  pause(): void {
    this.left = this.deadline - performance.now();
    this.deadline = Number.POSITIVE_INFINITY;
  }

  resume(): void {
    this.deadline = performance.now() + this.left;
  }

  done(): void {
    this.dog?.forget(this);
  }
}

/**
 * The running entries are a doubly linked list through the entries themselves: adding and removing
 * one is a few field writes, where a Set would hash and, being old and long-lived, make every
 * young-generation collection visit the slots its table holds for the many short runs.
 */
export class Watchdog {
  private head: Entry | null = null;
  private tail: Entry | null = null;
  private timer: NodeJS.Timeout | null = null;

  constructor(private readonly periodMs: number) {}

  /**
   * Starts the clock of `entry`: its `fire` is called once `ms` of unpaused time have passed, unless
   * `done()` came first.
   */
  start<T extends Entry>(ms: number, entry: T): T {
    entry.dog = this;
    entry.deadline = performance.now() + ms;
    entry.left = ms;
    entry.before = this.tail;
    entry.after = null;
    if (this.tail) this.tail.after = entry;
    else this.head = entry;
    this.tail = entry;
    if (!this.timer) {
      this.timer = setInterval(() => this.check(), this.periodMs);
      this.timer.unref();
    }
    return entry;
  }

  forget(entry: Entry): void {
    if (entry.dog !== this) return;
    entry.dog = null;
    if (entry.before) entry.before.after = entry.after;
    else this.head = entry.after;
    if (entry.after) entry.after.before = entry.before;
    else this.tail = entry.before;
    entry.before = null;
    entry.after = null;
  }

  private check(): void {
    const now = performance.now();
    for (let entry = this.head; entry; ) {
      const following = entry.after;
      if (entry.deadline <= now) {
        this.forget(entry);
        entry.fire();
      }
      entry = following;
    }
    if (!this.head && this.timer) {
      clearInterval(this.timer);
      this.timer = null;
    }
  }
}

const dogs = new Map<number, Watchdog>();

/** The watchdog for a time limit: checks about twenty times per limit, between 10 ms and 1 s apart. */
export function watchdogFor(timeoutMs: number): Watchdog {
  let dog = dogs.get(timeoutMs);
  if (!dog) {
    dog = new Watchdog(Math.min(1000, Math.max(10, Math.round(timeoutMs / 20))));
    dogs.set(timeoutMs, dog);
  }
  return dog;
}
