import { sql } from '../../store/sql.js';
import type { Queryable } from '../../store/store.js';
import { entryHash, GENESIS_HASH } from './hash.js';
import { AUDIT_HEAD_TABLE, AUDIT_TABLE } from './table.js';

/** The first entry that does not fit the chain, and why. */
export interface BrokenEntry {
  seq: number;
  /** '' when the entry itself is missing */
  id: string;
  reason: string;
}

export interface VerifyResult {
  ok: boolean;
  /** entries checked */
  entries: number;
  broken?: BrokenEntry;
}

const PAGE = 1000;

const COLUMNS = sql.join(
  [
    'seq',
    'id',
    'created',
    'actorType',
    'actorId',
    'actorEmail',
    'ip',
    'action',
    'target',
    'outcome',
    'error',
    'data',
    'prevHash',
    'hash',
  ].map((c) => sql.id(c)),
);

type Row = Record<string, unknown>;
const text = (row: Row, key: string) => (row[key] === null || row[key] === undefined ? '' : String(row[key]));

/** Why `row` does not follow an entry of `prevSeq` and hash `prevHash`; null when it does. */
function problem(row: Row, prevSeq: number, prevHash: string): string | null {
  const seq = Number(row.seq);
  if (seq !== prevSeq + 1) return `entry ${prevSeq + 1} is missing (the next one is ${seq})`;
  if (text(row, 'prevHash') !== prevHash) return 'its previous hash does not match the hash of the entry before it';
  const hash = entryHash(prevHash, {
    seq,
    id: text(row, 'id'),
    created: text(row, 'created'),
    actorType: text(row, 'actorType'),
    actorId: text(row, 'actorId'),
    actorEmail: text(row, 'actorEmail'),
    ip: text(row, 'ip'),
    action: text(row, 'action'),
    target: text(row, 'target'),
    outcome: text(row, 'outcome'),
    error: text(row, 'error'),
    data: text(row, 'data'),
  });
  if (hash !== text(row, 'hash')) return 'its content does not match its hash (the entry was changed)';
  return null;
}

/**
 * Walks the whole audit chain in order and names the first entry that breaks it: a changed entry
 * (its content no longer hashes to its hash), a removed one (a gap in the sequence, or a previous
 * hash that does not match), or entries removed from the end (the head row records the last one).
 */
export async function verifyAudit(db: Queryable): Promise<VerifyResult> {
  let prevSeq = 0;
  let prevHash = GENESIS_HASH;
  let prevId = '';
  for (;;) {
    const rows = await db.all<Row>(
      sql`SELECT ${COLUMNS} FROM ${sql.id(AUDIT_TABLE)} WHERE "seq" > ${prevSeq} ORDER BY "seq" LIMIT ${PAGE}`,
    );
    for (const row of rows) {
      const reason = problem(row, prevSeq, prevHash);
      if (reason) {
        const seq = Number(row.seq);
        const gap = seq !== prevSeq + 1;
        return {
          ok: false,
          entries: prevSeq,
          broken: { seq: gap ? prevSeq + 1 : seq, id: gap ? '' : text(row, 'id'), reason },
        };
      }
      prevSeq = Number(row.seq);
      prevHash = text(row, 'hash');
      prevId = text(row, 'id');
    }
    if (rows.length < PAGE) break;
  }
  const head = await db.get<Row>(sql`SELECT "seq", "hash" FROM ${sql.id(AUDIT_HEAD_TABLE)} WHERE "id" = 'head'`);
  const headSeq = head ? Number(head.seq) : 0;
  if (headSeq > prevSeq) {
    return {
      ok: false,
      entries: prevSeq,
      broken: { seq: prevSeq + 1, id: '', reason: `entries ${prevSeq + 1} to ${headSeq} were removed from the end` },
    };
  }
  if (headSeq !== prevSeq || (head && text(head, 'hash') !== prevHash)) {
    return {
      ok: false,
      entries: prevSeq,
      broken: { seq: prevSeq, id: prevId, reason: 'the last entry does not match the recorded head of the chain' },
    };
  }
  return { ok: true, entries: prevSeq };
}
