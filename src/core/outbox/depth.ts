import { sql } from '../../store/sql.js';
import type { Queryable } from '../../store/store.js';
import { OUTBOX_TABLE } from './table.js';

/** Items of the outbox by state, for those not yet sent: `pending`, `sending` and `failed` (metrics). */
export async function outboxDepth(db: Queryable): Promise<Record<'pending' | 'sending' | 'failed', number>> {
  const rows = await db.all<{ status: string; n: unknown }>(
    sql`SELECT ${sql.id('status')} AS ${sql.id('status')}, COUNT(*) AS ${sql.id('n')} FROM ${sql.id(OUTBOX_TABLE)}
      WHERE ${sql.id('status')} IN (${'pending'}, ${'sending'}, ${'failed'}) GROUP BY ${sql.id('status')}`,
  );
  const depth = { pending: 0, sending: 0, failed: 0 };
  for (const row of rows) {
    if (row.status === 'pending' || row.status === 'sending' || row.status === 'failed') {
      depth[row.status] = Number(row.n);
    }
  }
  return depth;
}
