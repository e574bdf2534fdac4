import type { Logger } from 'pino';
import { type CronSchedule, cronError, scheduleCron } from '../../lib/cron.js';
import type { Store } from '../../store/store.js';
import { reportJobFailure } from './report.js';

/** What the scheduler needs of the app (the App satisfies it; naming App here would be an import cycle). */
export interface CronHost {
  readonly store: Pick<Store, 'claimJobRun'>;
  readonly log: Logger;
}

/** One run of a job, as its function sees it. */
export interface JobRun {
  id: string;
  /** the scheduled time of this run; null for a run started by hand (`run(id)`) */
  tick: Date | null;
}

export type JobFunction = (run: JobRun) => unknown;

/** A job as listed by the API. */
export interface CronJobInfo {
  id: string;
  expression: string;
}

interface Entry {
  id: string;
  expression: string;
  fn: JobFunction;
  schedule: CronSchedule | null;
}

/** Ids of the jobs Basalt itself registers start with this; the API lists them after the user's. */
export const SYSTEM_JOB_PREFIX = '__pb';
/** Basalt's own built-in jobs (those without a PocketBase counterpart) start with this. */
export const BASALT_JOB_PREFIX = '__basalt';

const MAX_ID_LENGTH = 255;

/**
 * The cron jobs of one app instance. Jobs run in UTC. A job that throws or rejects is reported and
 * changes nothing else; a job still running when its next tick (or a manual run) comes is not
 * started a second time on this instance; with several instances on one database each scheduled
 * tick runs on exactly one of them (the store's `claimJobRun`). Schedules tick once `start()` is
 * called; jobs added later start at once.
 */
export class CronJobs {
  private readonly jobs = new Map<string, Entry>();
  /** ids of the jobs running on this instance (kept across a replacement of the job) */
  private readonly running = new Set<string>();
  private readonly inFlight = new Set<Promise<void>>();
  private state: 'idle' | 'started' | 'stopped' = 'idle';

  /** Also told of every failed run (beside the server log): main.ts stores them as app logs. */
  onFailure: ((id: string, err: unknown) => void) | null = null;
  /** Told of every run that ran here (not those another instance claimed): its duration in seconds and outcome (metrics). */
  onRun: ((id: string, seconds: number, ok: boolean) => void) | null = null;

  constructor(private readonly host: CronHost) {}

  /**
   * Registers (or replaces) job `id` running `fn` at every match of `expression`. Throws on an
   * empty or too long id and on an invalid expression: these are programming errors.
   */
  add(id: string, expression: string, fn: JobFunction): void {
    if (typeof id !== 'string' || id.trim() === '' || id.length > MAX_ID_LENGTH) {
      throw new Error(`invalid cron job id ${JSON.stringify(id)}`);
    }
    const problem = cronError(expression);
    if (problem) throw new Error(`invalid cron expression ${JSON.stringify(expression)} for job ${id}: ${problem}`);
    this.remove(id);
    const entry: Entry = { id, expression: expression.trim(), fn, schedule: null };
    this.jobs.set(id, entry);
    if (this.state === 'started') this.schedule(entry);
  }

  /** Unregisters job `id`; a run in progress finishes. False when there was no such job. */
  remove(id: string): boolean {
    const entry = this.jobs.get(id);
    if (!entry) return false;
    entry.schedule?.stop();
    this.jobs.delete(id);
    return true;
  }

  has(id: string): boolean {
    return this.jobs.has(id);
  }

  /** Every job: the user's first in id order, then the system ones (`__pb…`, `__basalt…`) in id order. */
  list(): CronJobInfo[] {
    const system = (id: string) => id.startsWith(SYSTEM_JOB_PREFIX) || id.startsWith(BASALT_JOB_PREFIX);
    return [...this.jobs.values()]
      .sort((a, b) => Number(system(a.id)) - Number(system(b.id)) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
      .map((e) => ({ id: e.id, expression: e.expression }));
  }

  /**
   * Starts job `id` now, in the background, on this instance only. False when there is no such
   * job. Nothing starts when the job is already running here or the scheduler has stopped.
   */
  run(id: string): boolean {
    const entry = this.jobs.get(id);
    if (!entry) return false;
    if (this.state !== 'stopped') this.track(this.execute(entry, null));
    return true;
  }

  /** Starts the timers of every job. */
  start(): void {
    if (this.state !== 'idle') return;
    this.state = 'started';
    for (const entry of this.jobs.values()) this.schedule(entry);
  }

  /** Stops every timer and waits for the runs in progress. */
  async stop(): Promise<void> {
    this.state = 'stopped';
    for (const entry of this.jobs.values()) {
      entry.schedule?.stop();
      entry.schedule = null;
    }
    await this.idle();
  }

  /** Resolves once no run is in progress on this instance. */
  async idle(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight]);
  }

  private schedule(entry: Entry): void {
    entry.schedule = scheduleCron(entry.expression, (tick) => {
      if (this.state === 'started' && this.jobs.get(entry.id) === entry) this.track(this.execute(entry, tick));
    });
  }

  private track(run: Promise<void>): void {
    this.inFlight.add(run);
    void run.finally(() => this.inFlight.delete(run));
  }

  /** One run: claimed across instances when scheduled, never two at once here; failures are reported, never thrown. */
  private async execute(entry: Entry, tick: Date | null): Promise<void> {
    if (this.running.has(entry.id)) {
      this.host.log.warn({ job: entry.id, tick }, 'cron job still running: this run is skipped');
      return;
    }
    this.running.add(entry.id);
    let start = 0;
    try {
      if (tick && !(await this.host.store.claimJobRun(entry.id, tick.toISOString()))) return;
      start = performance.now();
      await entry.fn({ id: entry.id, tick });
      this.onRun?.(entry.id, (performance.now() - start) / 1000, true);
    } catch (err) {
      if (start > 0) this.onRun?.(entry.id, (performance.now() - start) / 1000, false);
      reportJobFailure(this.host, entry.id, err);
      this.onFailure?.(entry.id, err);
    } finally {
      this.running.delete(entry.id);
    }
  }
}
