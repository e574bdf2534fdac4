/**
 * Time limits for many short runs at once with one timer: each run registers a deadline, and a
 * single interval checks them. A timer per hook call (set, paused around `e.next()`, cleared) costs
 * more than the no-op handler it guards; this costs a set insertion and a clock read.
 */

export interface Watch {
  /** stops the clock (while the rest of the chain runs) */
  pause(): void;
  resume(): void;
  /** the run is over: nothing fires any more */
  done(): void;
}

/**
 * One watched run. Callers may extend it (overriding `fire`) so that the run's own state and its
 * deadline are one object: on a hot path every allocation per call shows up as collection time.
 */
export class Entry implements Watch {
  /** performance.now() at which it fires; Infinity while paused */
  deadline = 0;
  /** ms left when paused */
  left = 0;
  dog: Watchdog | null = null;

  constructor(private readonly onFire?: () => void) {}

  /** Called once the deadline has passed. */
  fire(): void {
    this.onFire?.();
  }

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

export class Watchdog {
  private readonly entries = new Set<Entry>();
  private timer: NodeJS.Timeout | null = null;

  constructor(private readonly periodMs: number) {}

  /** Calls `fire` once `ms` of unpaused time have passed, unless `done()` came first. */
  watch(ms: number, fire: () => void): Watch {
    return this.start(ms, new Entry(fire));
  }

  /** Starts the clock of `entry` (its `fire` is called at the deadline, unless `done()` came first). */
  start<T extends Entry>(ms: number, entry: T): T {
    entry.dog = this;
    entry.deadline = performance.now() + ms;
    entry.left = ms;
    this.entries.add(entry);
    if (!this.timer) {
      this.timer = setInterval(() => this.check(), this.periodMs);
      this.timer.unref();
    }
    return entry;
  }

  forget(entry: Entry): void {
    this.entries.delete(entry);
  }

  private check(): void {
    const now = performance.now();
    for (const entry of this.entries) {
      if (entry.deadline > now) continue;
      this.entries.delete(entry);
      entry.fire();
    }
    if (this.entries.size === 0 && this.timer) {
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
