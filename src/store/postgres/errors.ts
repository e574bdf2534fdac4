import { UniqueViolation } from '../store.js';

/** A transaction kept failing on serialization conflicts or deadlocks; the client may retry. */
export class TransactionConflict extends Error {
  readonly statusCode = 400;
  constructor(cause: unknown) {
    super('The request conflicted with a concurrent change; please retry.', { cause });
  }
}

/**
 * A value PostgreSQL would not compare or convert (`number_field = 'abc'` in a filter, a text
 * compared with a boolean…): SQLite evaluates such a comparison, PostgreSQL refuses the query.
 */
export class InvalidQueryValue extends Error {
  readonly statusCode = 400;
  constructor(cause: unknown) {
    super('A filter or rule compares values of incompatible types.', { cause });
  }
}

/** 22xxx data exceptions, 42883 undefined operator/function, 42804 datatype mismatch. */
const isTypeError = (err: unknown) => {
  const code = (err as { code?: unknown })?.code;
  return typeof code === 'string' && (code.startsWith('22') || code === '42883' || code === '42804');
};

/** 40001 serialization_failure, 40P01 deadlock_detected: the whole transaction should run again. */
export const isRetryable = (err: unknown) => {
  const code = (err as { code?: unknown })?.code;
  return code === '40001' || code === '40P01';
};

const unquoteIdent = (s: string) => (s.startsWith('"') && s.endsWith('"') ? s.slice(1, -1).replaceAll('""', '"') : s);

/** Turns a 23505 error into UniqueViolation: columns from `Key (a, b)=(…)`, else `index:<name>`. */
export function translate(err: unknown): unknown {
  const e = err as { code?: string; table?: string; constraint?: string; detail?: string; message?: string };
  if (isTypeError(err)) return new InvalidQueryValue(err);
  if (e?.code !== '23505') return err;
  const detail = e.detail ?? '';
  const end = detail.indexOf(')=(');
  const keys = detail.startsWith('Key (') && end > 0 ? detail.slice(5, end).split(', ') : [];
  const columns: string[] = [];
  for (const key of keys) {
    const plain = /^("(?:[^"]|"")+"|[\w$]+)$/.exec(key);
    const folded = /^(?:translate|lower)\(("(?:[^"]|"")+"|[\w$]+)[,)]/.exec(key);
    const name = plain?.[1] ?? folded?.[1];
    if (!name) {
      columns.length = 0;
      break;
    }
    columns.push(unquoteIdent(name));
  }
  const named = columns.length > 0 ? columns : e.constraint ? [`index:${e.constraint}`] : [];
  return new UniqueViolation(e.table ?? '', named, e.message ?? 'unique constraint failed');
}

/** A prepared `SELECT *` whose table gained or lost columns since it was prepared. */
export const isStalePlan = (err: unknown) =>
  (err as { code?: unknown })?.code === '0A000' && /cached plan/.test((err as Error).message ?? '');
