import { formatDate } from '../../lib/time.js';
import { sql } from '../../store/sql.js';
import type { App } from '../app.js';
import { rowToRecord } from '../records/codec.js';
import { deleteWithReferences } from '../records/delete.js';
import { requestInfo, SYSTEM } from '../request.js';

/** Rows deleted per transaction: keeps each transaction (and the writer it holds) short. */
const CHUNK = 200;

/**
 * Deletes the rows of a system auth collection (`_mfas` or `_otps`) created longer ago than the
 * owning auth collection's `mfa.duration` / `otp.duration` allows. Each row is deleted as a record
 * (delete events fire), in chunks walked by id so that rows a hook keeps are not read again.
 * Returns how many rows were deleted.
 */
export async function deleteExpiredAuthRows(
  app: App,
  systemCollection: string,
  option: 'mfa' | 'otp',
): Promise<number> {
  const target = app.collections.find(systemCollection);
  if (!target) return 0;
  const table = sql.id(target.name);
  let deleted = 0;
  for (const owner of app.collections.all()) {
    if (owner.type !== 'auth' || !owner.auth) continue;
    const seconds = Number(owner.auth[option].duration) || 0;
    const cutoff = formatDate(new Date(Date.now() - seconds * 1000));
    let after = '';
    for (;;) {
      // the transaction may be retried (PostgreSQL conflicts): it keeps its position to itself
      const { count, last } = await app.store.transaction(async (tx) => {
        const rows = await tx.all(
          sql`SELECT * FROM ${table} WHERE ${sql.id('collectionRef')} = ${owner.id} AND ${sql.id('created')} < ${cutoff}
           AND ${sql.id('id')} > ${after} ORDER BY ${sql.id('id')} LIMIT ${CHUNK}`,
        );
        let last = after;
        for (const row of rows) {
          const record = rowToRecord(tx.dialect, target, row);
          last = String(record.id);
          await deleteWithReferences(app, tx, target, record, requestInfo(SYSTEM, { method: 'DELETE' }));
        }
        return { count: rows.length, last };
      });
      after = last;
      deleted += count;
      if (count < CHUNK) break;
    }
  }
  return deleted;
}
