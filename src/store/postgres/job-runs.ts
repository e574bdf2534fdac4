import { sql } from '../sql.js';
import type { Queryable } from '../store.js';

/**
 * Scheduled job runs claimed by the instances sharing one database: one row per (job, tick),
 * inserted by whichever instance comes first. A row rather than an advisory lock because a lock is
 * only held while its holder runs: an instance whose timer fires a little later (clock skew, a
 * busy event loop) would find the lock free after a fast job finished and run the tick again. The
 * row stays after the run, so the tick is taken for good.
 */
export const JOB_RUNS_TABLE = '_cronRuns';

export const JOB_RUNS_SQL = `
CREATE TABLE IF NOT EXISTS "${JOB_RUNS_TABLE}" (
  "job" TEXT COLLATE "C" NOT NULL,
  "tick" TEXT COLLATE "C" NOT NULL,
  "claimed" TIMESTAMPTZ DEFAULT now() NOT NULL,
  PRIMARY KEY ("job", "tick")
);
`;

/** Claims older than this are deleted: a tick is claimed within moments of its time, never a day later. */
const KEEP_INTERVAL = '1 day';
/** How often one instance deletes old claims. */
const PRUNE_EVERY_MS = 3600_000;

/** Claims job ticks for one store, pruning old claims now and then. */
export class JobRunClaims {
  private lastPrune = 0;

  constructor(private readonly db: Queryable) {}

  /** True when this call inserted the (job, tick) row, i.e. no other instance claimed that tick before. */
  async claim(job: string, tick: string): Promise<boolean> {
    const table = sql.id(JOB_RUNS_TABLE);
    const res = await this.db.run(
      sql`INSERT INTO ${table} (${sql.id('job')}, ${sql.id('tick')}) VALUES (${job}, ${tick}) ON CONFLICT DO NOTHING`,
    );
    if (Date.now() - this.lastPrune > PRUNE_EVERY_MS) {
      this.lastPrune = Date.now();
      await this.db.run(
        sql`DELETE FROM ${table} WHERE ${sql.id('claimed')} < now() - CAST(${KEEP_INTERVAL} AS INTERVAL)`,
      );
    }
    return res.changes === 1;
  }
}
