import { Writable } from 'node:stream';
import { type Logger, pino } from 'pino';

/** Polls until `check` passes; fails after `deadlineMs` (a bound on a hang, not a speed assertion). */
export async function eventually(check: () => boolean | Promise<boolean>, what: string, deadlineMs = 15_000) {
  const t0 = Date.now();
  while (!(await check())) {
    if (Date.now() - t0 > deadlineMs) throw new Error(`not seen within ${deadlineMs} ms: ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

export interface LogLine {
  level: number;
  msg: string;
  job?: string;
  err?: { message: string };
}

/** A pino logger whose lines are kept, parsed, in `lines`. */
export function capturingLogger(): { log: Logger; lines: LogLine[] } {
  const lines: LogLine[] = [];
  const stream = new Writable({
    write(chunk, _enc, done) {
      for (const text of String(chunk).split('\n')) if (text.trim()) lines.push(JSON.parse(text));
      done();
    },
  });
  return { log: pino({ level: 'debug' }, stream), lines };
}

/** pino's numeric levels */
export const LEVEL = { warn: 40, error: 50 } as const;
