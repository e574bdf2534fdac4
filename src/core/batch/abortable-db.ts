import type { Queryable } from '../../store/store.js';

/** Thrown by every statement sent through an abortable transaction once its signal has fired. */
export class TransactionAborted extends Error {
  constructor() {
    super('the transaction was aborted');
  }
}

const STATEMENTS = new Set<PropertyKey>(['all', 'get', 'run', 'exec']);

/**
 * `db` (a transaction) refusing every statement once `signal` fires, so work still running when a
 * batch times out can write nothing more, and its transaction can only roll back.
 *
 * A Proxy rather than a wrapper class: the store recognises its own transactions (`afterCommit`
 * files the "after success" events under the transaction they belong to), and a Proxy keeps the
 * target's prototype and state visible to it.
 */
export function abortableDb(db: Queryable, signal: AbortSignal): Queryable {
  // rejected promises, not throws: callers may chain `.catch` on a statement
  const refused = () => Promise.reject(new TransactionAborted());
  return new Proxy(db, {
    get(target, prop) {
      const value: unknown = Reflect.get(target, prop, target);
      if (prop === 'transaction') {
        return <T>(fn: (tx: Queryable) => Promise<T>): Promise<T> =>
          signal.aborted ? refused() : target.transaction((tx) => fn(abortableDb(tx, signal)));
      }
      if (STATEMENTS.has(prop) && typeof value === 'function') {
        return (...args: unknown[]) =>
          signal.aborted ? refused() : (value as (...a: unknown[]) => unknown).apply(target, args);
      }
      return value;
    },
  });
}
