import type { Expr, IdentOperand, Operand } from '../../rules/index.js';
import { type JoinScope, type SqlValue, sql } from '../../store/compiler.js';
import { type Field, isMultiple } from '../collection.js';
import type { Step } from './chain.js';
import { pathValue } from './chain.js';
import type { ResolveBase } from './context.js';
import type { BindEnv } from './env.js';
import { findField, isListField, relationTarget } from './fields.js';
import { walkRecordPath } from './record-path.js';
import { authValue } from './request-auth.js';
import { listItems, lookup } from './request-data.js';
import { expressionValue, fail, filledValue, plainValue } from './values.js';

/**
 * `@request.<root>.<path>[:modifier]`: context, method, headers, query, body and auth. A missing key
 * under these roots is NULL, never an error; any other root is an unknown field.
 */
export function requestValue(base: ResolveBase, node: IdentOperand, scope: JoinScope): SqlValue {
  if (base.ctx.restricted) fail('@request.* can be used only in rules and superuser filters');
  const [, root, ...rest] = node.path;
  const mod = node.modifier;
  switch (root) {
    case 'method':
    case 'context':
      return plainValue((env) => ({ found: rest.length === 0, value: env.info[root] }), mod, rest.length > 0);
    case 'query':
    case 'headers':
      if (rest.length === 0) fail(`@request.${root} needs a key`);
      return plainValue((env) => mapEntry(env.info[root], rest), mod);
    case 'body':
      return bodyValue(base, rest, mod, scope);
    case 'auth':
      return authValue(base, rest, mod, scope);
    default:
      return fail(`unknown @request field "${root ?? ''}"`);
  }
}

function mapEntry(map: Record<string, string>, rest: readonly string[]): { found: boolean; value: unknown } {
  if (rest.length !== 1) return { found: false, value: undefined };
  const key = rest[0] as string;
  const exact = lookup(map, [key]);
  return exact.found ? exact : lookup(map, [key.toLowerCase()]);
}

function bodyValue(base: ResolveBase, rest: readonly string[], mod: string | null, scope: JoinScope): SqlValue {
  if (rest.length === 0) fail('@request.body needs a key');
  const { ctx, collection } = base;
  const [key, ...sub] = rest as [string, ...string[]];
  const field = findField(collection, key);
  const read = (env: BindEnv) => lookup(env.info.body, rest);
  if (field?.type === 'relation' && sub.length > 0) return bodyRelation(base, field, sub, mod, scope);
  if (mod === 'changed') {
    if (!field || sub.length > 0) fail('the :changed modifier needs a field of the collection');
    return changedValue(base, field);
  }
  if (mod === 'each' || mod === 'length') {
    if (!field || sub.length > 0 || !isListField(field))
      fail(`the :${mod} modifier needs a select, file or relation field`);
    const items = (env: BindEnv) => listItems(read(env).value);
    if (mod === 'length') return filledValue((env) => items(env).length);
    if (!isMultiple(field)) return plainValue(read, null, false, field);
    const alias = scope.join(`@body:${field.name}:each`, () => ({
      source: ctx.sql.jsonEachArray(sql.param((env: BindEnv) => JSON.stringify(items(env)))),
      on: null,
    }));
    return expressionValue(sql.raw(ctx.sql.jsonEachValue(alias)), { multi: true });
  }
  return plainValue(read, mod, false, sub.length === 0 ? field : undefined);
}

/** `@request.body.<relation>.<path>`: walks the records whose ids were submitted. */
function bodyRelation(
  base: ResolveBase,
  field: Field,
  sub: readonly string[],
  mod: string | null,
  scope: JoinScope,
): SqlValue {
  const { ctx } = base;
  const target = ctx.catalog.find(relationTarget(field));
  if (!target) fail(`the "${field.name}" relation points to a missing collection`);
  const c = ctx.sql;
  const ids = (env: BindEnv) => listItems(lookup(env.info.body, [field.name]).value);
  const table = sql.id(target.name);
  const steps: Step[] = isMultiple(field)
    ? [
        {
          key: 'ids',
          multi: true,
          collection: null,
          build: () => ({ source: c.jsonEachArray(sql.param((env: BindEnv) => JSON.stringify(ids(env)))), on: null }),
        },
        {
          key: 'rows',
          multi: false,
          collection: target,
          build: (alias, prev) => ({
            source: table,
            on: sql.raw(`${c.column(alias, 'id')} = ${c.jsonEachValue(prev)}`),
          }),
        },
      ]
    : [
        {
          key: 'rows',
          multi: false,
          collection: target,
          build: (alias) => ({
            source: table,
            on: sql`${sql.raw(c.column(alias, 'id'))} = ${sql.param((env: BindEnv) => ids(env).at(-1) ?? null)}`,
          }),
        },
      ];
  const end = walkRecordPath(ctx, target, sub, mod, 1);
  return pathValue(ctx, scope, { rootKey: `@body:${field.name}`, rootAlias: '', steps }, end, false);
}

/** `@request.body.f:changed` ≡ `(@request.body.f:isset = true && @request.body.f != f)`. */
function changedValue(base: ResolveBase, field: Field): SqlValue {
  const name = field.name;
  const body = ['@request', 'body', name];
  const ident = (path: string[], modifier: string | null): IdentOperand => ({
    kind: 'ident',
    name: path.join('.') + (modifier ? `:${modifier}` : ''),
    path,
    modifier,
    pos: 0,
  });
  const cmp = (op: '=' | '!=', left: Operand, right: Operand): Expr => ({
    kind: 'cmp',
    op,
    left,
    right,
    pos: 0,
    opPos: 0,
  });
  const expr: Expr = {
    kind: 'and',
    left: cmp('=', ident(body, 'isset'), { kind: 'bool', value: true, pos: 0 }),
    right: cmp('!=', ident(body, null), ident([name], null)),
    pos: 0,
  };
  const compiled = base.ctx.compile(base.collection, base.rootAlias, expr);
  return expressionValue(sql`(${compiled})`);
}
