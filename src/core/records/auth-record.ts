import { ALPHANUMERIC, randomString } from '../../lib/random.js';
import { sql } from '../../store/sql.js';
import type { Queryable } from '../../store/store.js';
import type { App } from '../app.js';
import { hashPassword, passwordCost, verifyPassword } from '../auth/passwords.js';
import type { Collection } from '../collection.js';
import { SUPERUSERS } from '../collections/system.js';
import type { RecordData } from '../request.js';
import { type ErrorData, V } from '../validation.js';
import type { ResolvedInput } from './input.js';

export interface AuthWriteContext {
  isNew: boolean;
  original: RecordData | null;
  /** superuser or manageRule satisfied */
  canManage: boolean;
  /** bcrypt work done before the transaction */
  secrets: AuthSecrets;
}

/** Password hashing and old-password checks, done before the write transaction (bcrypt is slow). */
export interface AuthSecrets {
  /** hash of the submitted password, when one was sent */
  hash: string | null;
  /** the stored hash that `oldPassword` was verified against (null: not sent or wrong) */
  oldPasswordMatches: string | null;
}

/** Runs the bcrypt work of a write outside any transaction. `stored` is the record as read before it. */
export async function prepareAuthSecrets(
  collection: Collection,
  input: ResolvedInput,
  stored: RecordData | null,
): Promise<AuthSecrets> {
  const secrets: AuthSecrets = { hash: null, oldPasswordMatches: null };
  if (collection.type !== 'auth') return secrets;
  const plain = input.submitted.has('password') ? String(input.data.password ?? '') : '';
  const old = input.extras.oldPassword == null ? '' : String(input.extras.oldPassword);
  const storedHash = String(stored?.password ?? '');
  const [hash, matches] = await Promise.all([
    plain !== '' && plain.length <= 255 ? hashPassword(plain, passwordCost(collection)) : null,
    old !== '' && stored ? verifyPassword(old, storedHash) : false,
  ]);
  secrets.hash = hash;
  if (matches) secrets.oldPasswordMatches = storedHash;
  return secrets;
}

/**
 * The auth record input rules; adds to `errors`. `passwordConfirm` must repeat a new password; changing
 * one's own password needs `oldPassword`; only superusers and managers (requesters who satisfy the
 * manageRule) may change `email` or `verified`, which others must send unchanged.
 */
export function checkAuthInput(
  collection: Collection,
  input: ResolvedInput,
  ctx: AuthWriteContext,
  errors: ErrorData,
): void {
  const { data, extras, submitted } = input;
  const sentPassword = submitted.has('password');
  const sentConfirm = 'passwordConfirm' in extras;
  if (ctx.isNew || sentPassword || sentConfirm) {
    const password = sentPassword ? String(data.password ?? '') : '';
    const confirm = extras.passwordConfirm == null ? '' : String(extras.passwordConfirm);
    if (password === '' && !errors.password) errors.password = V.required();
    if (confirm === '') errors.passwordConfirm = V.required();
    else if (confirm !== password) errors.passwordConfirm = V.valuesMismatch();
    if (!ctx.isNew && !ctx.canManage) {
      const verified = ctx.secrets.oldPasswordMatches;
      if (verified === null || verified !== String(ctx.original?.password ?? '')) {
        errors.oldPassword = V.invalidOldPassword();
      }
    }
  }
  if (collection.name === SUPERUSERS) data.verified = true;
  else if (!ctx.canManage) {
    const before = ctx.original ? ctx.original.verified === true : false;
    if ((data.verified === true) !== before) errors.verified = V.valuesMismatch();
  }
  if (!ctx.isNew && !ctx.canManage && ctx.original && data.email !== ctx.original.email) {
    errors.email = V.valuesMismatch();
  }
}

/** Auth record ids must be unique across every auth collection. */
export async function authIdTaken(app: App, db: Queryable, id: string): Promise<boolean> {
  for (const c of app.collections.all()) {
    if (c.type !== 'auth') continue;
    const row = await db.get(sql`SELECT 1 AS ok FROM ${sql.id(c.name)} WHERE ${sql.id('id')} = ${id} LIMIT 1`);
    if (row) return true;
  }
  return false;
}

/** Puts the prepared hash in place and rotates tokenKey when the password or email changed. */
export function finalizeAuthRecord(input: ResolvedInput, original: RecordData | null, secrets: AuthSecrets): void {
  const { data, submitted } = input;
  if (submitted.has('password') && secrets.hash) data.password = secrets.hash;
  const emailChanged = original !== null && data.email !== original.email;
  if (!original || submitted.has('password') || emailChanged || !data.tokenKey) {
    data.tokenKey = randomString(50, ALPHANUMERIC);
  }
}
