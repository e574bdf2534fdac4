import { newRecordId } from '../../lib/random.js';
import { sql } from '../../store/sql.js';
import type { Queryable } from '../../store/store.js';
import type { App } from '../app.js';
import { outboxOf } from './registry.js';
import { OUTBOX_CHANNEL, OUTBOX_TABLE } from './table.js';

/**
 * Queues one item of `kind` (a registered handler delivers it) on `db`: inside the caller's
 * transaction it is stored, and announced to the workers, only if that transaction commits.
 * Returns the outbox id.
 */
export async function enqueue(app: App, db: Queryable, kind: string, payload: unknown): Promise<string> {
  const id = newRecordId();
  const now = Date.now();
  const columns = sql.join(['id', 'kind', 'payload', 'status', 'dueAt', 'created', 'updated'].map((c) => sql.id(c)));
  await db.run(
    sql`INSERT INTO ${sql.id(OUTBOX_TABLE)} (${columns})
      VALUES (${id}, ${kind}, ${JSON.stringify(payload)}, ${'pending'}, ${now}, ${now}, ${now})`,
  );
  // this instance's worker starts at once; the others hear of it through the database
  app.store.afterCommit(db, () => outboxOf(app).wake());
  await app.store.notify(OUTBOX_CHANNEL, kind, db);
  return id;
}
