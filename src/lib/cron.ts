import { Cron, type CronOptions } from 'croner';

/**
 * Cron expressions on croner: five fields (minute precision) or six (a leading seconds field), the
 * usual nicknames (`@daily`, `@hourly`…), always read in UTC so every instance agrees whatever its
 * local time zone.
 */
const OPTIONS: CronOptions = { timezone: 'UTC', mode: '5-or-6-parts' };

/** A running schedule. */
export interface CronSchedule {
  /** Stops the timer; a callback already running is not interrupted. */
  stop(): void;
}

/** Why `expression` is not a valid cron expression, or null when it is. */
export function cronError(expression: string): string | null {
  if (typeof expression !== 'string' || expression.trim() === '') return 'the expression is empty';
  try {
    new Cron(expression, OPTIONS);
    return null;
  } catch (err) {
    const text = err instanceof Error ? err.message : String(err);
    return text.replace(/^CronPattern:\s*/, '');
  }
}

export function isValidCron(expression: string): boolean {
  return cronError(expression) === null;
}

/** The first time after `from` that `expression` matches, or null when it never does again. Throws on an invalid expression. */
export function nextCronTime(expression: string, from: Date = new Date()): Date | null {
  return new Cron(expression, OPTIONS).nextRun(from);
}

/**
 * Calls `fn` at every time `expression` matches, with that scheduled time (whole seconds, UTC): the
 * same value on every machine for the same tick, whenever the timer actually fired. `fn` is called
 * and not awaited, so a slow callback never delays the timer; the caller decides about overlaps.
 * The timer does not keep the process alive. Throws on an invalid expression.
 */
export function scheduleCron(expression: string, fn: (tick: Date) => void): CronSchedule {
  const job: Cron = new Cron(expression, { ...OPTIONS, unref: true }, () => {
    // croner passes no target time: the latest match at or before now is the tick that fired
    // (1 ms ahead so a timer firing exactly on the second still counts that second)
    const tick = job.previousRuns(1, new Date(Date.now() + 1))[0] ?? new Date(Math.floor(Date.now() / 1000) * 1000);
    fn(tick);
  });
  return { stop: () => job.stop() };
}
