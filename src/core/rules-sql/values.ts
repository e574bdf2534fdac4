import { FilterCompileError, type Fragment, type SqlValue } from '../../store/compiler.js';
import { fragment } from '../../store/sql.js';
import type { Field } from '../collection.js';
import type { BindEnv, EnvBind } from './env.js';
import { bindable } from './request-data.js';

/** Modifiers of the filter language (the `:name` suffix of a path); any other suffix is an error. */
export const MODIFIERS: ReadonlySet<string> = new Set(['isset', 'changed', 'length', 'each', 'lower']);

export function fail(reason: string): never {
  throw new FilterCompileError(reason);
}

const BASE = { literal: false, json: false, multi: false, column: false } as const;

export const NULL_VALUE: SqlValue = Object.freeze({ ...BASE, ...fragment('NULL'), emptiness: 'empty' });

/** A request value whose emptiness is only known when the template is bound. */
function dynamicValue(get: EnvBind, lower = false): SqlValue {
  const bind = lower ? lowerBind(get) : get;
  return { ...BASE, ...fragment('?', [bind]), raw: bind, emptiness: 'dynamic', literal: true };
}

/** Lower-cases a bound text value in JS, ASCII letters only (as SQLite's LOWER does), on every database. */
function lowerBind(get: EnvBind): EnvBind {
  return (env) => {
    const v = get(env);
    return typeof v === 'string' ? v.replace(/[A-Z]/g, (c) => c.toLowerCase()) : v;
  };
}

/** A bound value that is never empty (macros, flags, counts, the requester's id). */
export function filledValue(get: EnvBind, lower = false): SqlValue {
  return { ...BASE, ...fragment('?', [lower ? lowerBind(get) : get]), emptiness: 'filled', literal: true };
}

/** A computed SQL expression (subquery, column, function result). */
export function expressionValue(value: Fragment, extra: Partial<SqlValue> = {}): SqlValue {
  return { ...BASE, emptiness: 'maybe', ...extra, ...fragment(value.sql, value.binds) };
}

/** A static request value with the modifiers a scalar takes: `:isset` and `:lower`. */
export function plainValue(
  read: (env: BindEnv) => { found: boolean; value: unknown },
  mod: string | null,
  missing = false,
  field?: Field,
): SqlValue {
  if (mod === 'isset') return filledValue((env) => (read(env).found ? 1 : 0));
  if (mod !== null && mod !== 'lower') fail(`the :${mod} modifier does not apply to this @request value`);
  if (missing) return NULL_VALUE;
  return dynamicValue((env) => bindable(read(env).value, field), mod === 'lower');
}
