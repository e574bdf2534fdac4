import { toBool } from '../../lib/bool.js';
import { type JoinScope, type SqlValue, sql } from '../../store/compiler.js';
import type { Step } from './chain.js';
import { pathValue } from './chain.js';
import type { ResolveBase } from './context.js';
import type { BindEnv } from './env.js';
import { findField } from './fields.js';
import { walkRecordPath } from './record-path.js';
import { lookup } from './request-data.js';
import { fail, filledValue, NULL_VALUE, plainValue } from './values.js';

type Reader = (env: BindEnv) => unknown;

/** Fields of the requester bound directly from the request, without a query. */
const STATIC: Readonly<Record<string, { read: Reader; filled: boolean }>> = {
  id: { read: (env) => env.info.requester.record?.id ?? null, filled: true },
  collectionId: { read: (env) => env.info.requester.collection?.id ?? null, filled: true },
  collectionName: { read: (env) => env.info.requester.collection?.name ?? null, filled: true },
  email: { read: (env) => env.info.requester.record?.email ?? null, filled: false },
  emailVisibility: { read: (env) => toBool(env.info.requester.record?.emailVisibility), filled: true },
  verified: { read: (env) => toBool(env.info.requester.record?.verified), filled: true },
};

/**
 * `@request.auth.<path>`: NULL for guests; the static fields come from the request; any other
 * field (and relation paths) is read from the auth collection by the requester's id. A field the
 * requester's collection lacks is NULL, since requesters of several collections share a rule.
 */
export function authValue(base: ResolveBase, rest: readonly string[], mod: string | null, scope: JoinScope): SqlValue {
  if (rest.length === 0) fail('@request.auth needs a field');
  const { ctx } = base;
  const key = rest[0] as string;
  const isset = (env: BindEnv) => lookup(env.info.requester.record, [key]).found;
  if (!ctx.requester.present) return mod === 'isset' ? filledValue(() => 0) : NULL_VALUE;
  const known = Object.hasOwn(STATIC, key) ? STATIC[key] : undefined;
  if (known && rest.length === 1) {
    if (mod === 'isset') return filledValue((env) => (isset(env) || key.startsWith('collection') ? 1 : 0));
    if (mod === 'changed') fail('the :changed modifier applies only to @request.body fields');
    const lower = mod === 'lower';
    if (known.filled) return filledValue(known.read, lower);
    return plainValue((env) => ({ found: true, value: known.read(env) }), lower ? 'lower' : null);
  }
  const auth = ctx.requester.collection;
  if (!auth || (!findField(auth, key) && !key.includes('_via_'))) {
    return mod === 'isset' ? filledValue(() => 0) : NULL_VALUE;
  }
  if (mod === 'isset') return filledValue((env) => (isset(env) ? 1 : 0));
  const c = ctx.sql;
  const row: Step = {
    key: 'row',
    multi: false,
    collection: auth,
    build: (alias) => ({
      source: sql.id(auth.name),
      on: sql`${sql.raw(c.column(alias, 'id'))} = ${sql.param((env: BindEnv) => env.info.requester.record?.id ?? null)}`,
    }),
  };
  const end = walkRecordPath(ctx, auth, rest, mod, 0);
  return pathValue(ctx, scope, { rootKey: '@auth', rootAlias: '', steps: [row] }, end, false);
}
