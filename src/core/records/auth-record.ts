import { ALPHANUMERIC, randomString } from '../../lib/random.js';
import type { Queryable } from '../../store/store.js';
import type { App } from '../app.js';
import { hashPassword, verifyPassword } from '../auth/passwords.js';
import type { Collection } from '../collection.js';
import { type ErrorData, V } from '../errors.js';
import type { RecordData } from '../request.js';
import type { ResolvedInput } from './input.js';

export interface AuthWriteContext {
  isNew: boolean;
  original: RecordData | null;
  /** superuser or manageRule satisfied */
  canManage: boolean;
}

/** Password/passwordConfirm/oldPassword, email and verified rules of §2.11; adds to `errors`. */
export async function checkAuthInput(
  collection: Collection,
  input: ResolvedInput,
  ctx: AuthWriteContext,
  errors: ErrorData,
): Promise<void> {
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
      const old = extras.oldPassword == null ? '' : String(extras.oldPassword);
      const hash = String(ctx.original?.password ?? '');
      if (old === '' || !(await verifyPassword(old, hash))) errors.oldPassword = V.invalidOldPassword();
    }
  }
  if (collection.name === '_superusers') data.verified = true;
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
  const q = db.dialect.quote;
  for (const c of app.collections.all()) {
    if (c.type !== 'auth') continue;
    const row = await db.get(`SELECT 1 AS ok FROM ${q(c.name)} WHERE ${q('id')} = ? LIMIT 1`, [id]);
    if (row) return true;
  }
  return false;
}

/** Hashes a submitted password and rotates tokenKey when the password or email changed. */
export async function finalizeAuthRecord(collection: Collection, input: ResolvedInput, original: RecordData | null) {
  const { data, submitted } = input;
  if (submitted.has('password')) {
    const field = collection.fields.find((f) => f.name === 'password');
    const cost = Number(field?.cost ?? 0) || 10;
    data.password = await hashPassword(String(data.password), cost);
  }
  const emailChanged = original !== null && data.email !== original.email;
  if (!original || submitted.has('password') || emailChanged || !data.tokenKey) {
    data.tokenKey = randomString(50, ALPHANUMERIC);
  }
}
