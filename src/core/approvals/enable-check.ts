import { sql } from '../../store/sql.js';
import type { Queryable } from '../../store/store.js';
import { SUPERUSERS } from '../collections/system.js';
import type { Settings } from '../settings/settings.js';
import { type ErrorData, V } from '../validation.js';

/** How many superusers exist (inside the caller's transaction). */
export async function countSuperusers(db: Queryable): Promise<number> {
  const row = await db.get<{ n: unknown }>(sql`SELECT COUNT(*) AS ${sql.id('n')} FROM ${sql.id(SUPERUSERS)}`);
  return Number(row?.n ?? 0);
}

/**
 * The settings errors of turning the two-person rule on with fewer than two superusers (nobody could
 * ever approve anything); null when the change is fine. Read in the saving transaction.
 */
export async function twoPersonRuleErrors(
  db: Queryable,
  before: Readonly<Settings>,
  after: Readonly<Settings>,
): Promise<ErrorData | null> {
  if (!after.twoPersonRule.enabled || before.twoPersonRule.enabled) return null;
  if ((await countSuperusers(db)) >= 2) return null;
  return { twoPersonRule: { enabled: V.twoSuperusersRequired() } };
}
