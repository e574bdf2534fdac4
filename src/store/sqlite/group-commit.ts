import type Database from 'better-sqlite3';
import { inCallerScope } from '../../lib/async-scope.js';
import type { QueryObserver } from '../store.js';

/** One outermost transaction waiting for its turn. */
interface Job {
  run(): Promise<unknown>;
  resolve(value: unknown): void;
  reject(err: unknown): void;
}

const MAX_BATCH = 512;

/**
 * Group commit: transactions queued while the writer is busy run one after another inside a single
 * BEGIN … COMMIT, each in its own savepoint, so a failing one rolls back alone. Every caller is
 * answered only after the shared COMMIT has returned, i.e. once its data is durable.
 */
export class GroupCommitter {
  private queue: Job[] = [];
  private draining: Promise<void> | null = null;
  /** afterCommit callbacks of the job that is running */
  pending: Array<() => void> = [];
  /** told how long each COMMIT took (metrics) */
  observer: QueryObserver | null = null;

  /** transaction control statements, prepared once: `exec` would parse them again for every job */
  private readonly control = new Map<string, Database.Statement>();

  constructor(private readonly db: Database.Database) {}

  private run(text: string): void {
    let stmt = this.control.get(text);
    if (!stmt) {
      stmt = this.db.prepare(text);
      this.control.set(text, stmt);
    }
    stmt.run();
  }

  submit<T>(run: () => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      // the job runs in its submitter's async context, not in that of whoever started the drain
      this.queue.push({ run: inCallerScope(run), resolve: resolve as (v: unknown) => void, reject });
      this.draining ??= this.drain().finally(() => {
        this.draining = null;
      });
    });
  }

  /** Resolves once nothing is queued or running. */
  async idle(): Promise<void> {
    while (this.draining) await this.draining;
  }

  private async drain(): Promise<void> {
    while (this.queue.length > 0) {
      const batch = this.queue.splice(0, MAX_BATCH);
      await this.runBatch(batch);
      // let requests that arrived meanwhile join the next batch
      if (this.queue.length === 0) await new Promise((r) => setImmediate(r));
    }
  }

  private async runBatch(batch: Job[]): Promise<void> {
    const db = this.db;
    try {
      this.run('BEGIN IMMEDIATE');
    } catch (err) {
      for (const job of batch) job.reject(err);
      return;
    }
    const done: Array<{ job: Job; value: unknown; callbacks: Array<() => void> }> = [];
    for (const job of batch) {
      this.pending = [];
      this.run('SAVEPOINT group_job');
      try {
        const value = await job.run();
        this.run('RELEASE group_job');
        done.push({ job, value, callbacks: this.pending });
      } catch (err) {
        if (db.inTransaction) {
          this.run('ROLLBACK TO group_job');
          this.run('RELEASE group_job');
        }
        job.reject(err);
      }
    }
    this.pending = [];
    const observe = this.observer;
    const start = observe ? performance.now() : 0;
    try {
      this.run('COMMIT');
      if (observe) observe('commit', (performance.now() - start) / 1000);
    } catch (err) {
      if (db.inTransaction) this.run('ROLLBACK');
      for (const d of done) d.job.reject(err);
      return;
    }
    for (const d of done) {
      for (const cb of d.callbacks) cb();
      d.job.resolve(d.value);
    }
  }
}
