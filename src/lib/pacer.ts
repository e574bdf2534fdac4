/**
 * Lets other work run during a long synchronous loop: `tick()` resolves at once most of the time
 * and, every `every` calls, only after the event loop has had a turn (I/O, timers, other requests).
 */
export class Pacer {
  private count = 0;

  constructor(private readonly every = 500) {}

  tick(): Promise<void> | undefined {
    if (++this.count % this.every !== 0) return undefined;
    return new Promise((resolve) => setImmediate(resolve));
  }
}
