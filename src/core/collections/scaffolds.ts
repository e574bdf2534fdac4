import { ALPHANUMERIC, randomString } from '../../lib/random.js';
import type { AuthOptions, Collection, CollectionType, Field, FieldTypeName } from '../collection.js';
import { newField } from '../fields/index.js';
import {
  AUTH_ALERT_TEMPLATE,
  CONFIRM_EMAIL_CHANGE_TEMPLATE,
  OTP_TEMPLATE,
  RESET_PASSWORD_TEMPLATE,
  VERIFICATION_TEMPLATE,
} from './email-templates.js';
import { collectionIdChecksum, fieldIdChecksum } from './ids.js';
import { findSingleColumnUniqueIndex } from './index-def.js';

export const DEFAULT_ID_PATTERN = '^[a-z0-9]+$';

/** A token signing secret: 50 random alphanumeric characters. */
export function newSecret(): string {
  return randomString(50, ALPHANUMERIC);
}

/** A field of `type` with its defaults, `options` on top, and the default id when none is given. */
export function makeField(type: FieldTypeName, name: string, options: Record<string, unknown> = {}): Field {
  const field = newField(type, name, options);
  if (!field.id) field.id = fieldIdChecksum(type, name);
  return field;
}

function defaultIdField(): Field {
  return makeField('text', 'id', {
    system: true,
    primaryKey: true,
    required: true,
    min: 15,
    max: 15,
    pattern: DEFAULT_ID_PATTERN,
    autogeneratePattern: '[a-z0-9]{15}',
  });
}

/** The auth system fields after `id`, in their default definitions. */
function defaultAuthFields(): Field[] {
  return [
    makeField('password', 'password', { system: true, hidden: true, required: true, min: 8 }),
    makeField('text', 'tokenKey', {
      system: true,
      hidden: true,
      required: true,
      min: 30,
      max: 60,
      autogeneratePattern: '[a-zA-Z0-9]{50}',
    }),
    makeField('email', 'email', { system: true, required: true }),
    makeField('bool', 'emailVisibility', { system: true }),
    makeField('bool', 'verified', { system: true }),
  ];
}

const copy = <T>(v: T): T => structuredClone(v);

function defaultAuthOptions(): AuthOptions {
  const token = (duration: number) => ({ secret: newSecret(), duration });
  return {
    authRule: '',
    manageRule: null,
    authAlert: { enabled: true, emailTemplate: copy(AUTH_ALERT_TEMPLATE) },
    oauth2: { enabled: false, mappedFields: { id: '', name: '', username: '', avatarURL: '' }, providers: [] },
    passwordAuth: { enabled: true, identityFields: ['email'] },
    mfa: { enabled: false, duration: 1800, rule: '' },
    otp: { enabled: false, duration: 180, length: 8, emailTemplate: copy(OTP_TEMPLATE) },
    authToken: token(604800),
    passwordResetToken: token(1800),
    emailChangeToken: token(1800),
    verificationToken: token(259200),
    fileToken: token(180),
    verificationTemplate: copy(VERIFICATION_TEMPLATE),
    resetPasswordTemplate: copy(RESET_PASSWORD_TEMPLATE),
    confirmEmailChangeTemplate: copy(CONFIRM_EMAIL_CHANGE_TEMPLATE),
  };
}

/** Name of a generated single-field index: `idx_<field>_<collection id or name or random>`, at most 64 chars. */
function fieldIndexName(c: Pick<Collection, 'id' | 'name'>, field: string): string {
  const suffix = c.id || c.name || randomString(10, ALPHANUMERIC);
  return `idx_${field}_${suffix}`.slice(0, 64);
}

type Defaults = { system?: boolean; hidden?: boolean; required?: boolean; primaryKey?: boolean };

/**
 * Puts a system field in place: re-inserted when missing (with the original's id when there was one),
 * its protected flags enforced when present.
 */
function ensureField(c: Collection, make: () => Field, enforce: Defaults, original?: Collection): Field {
  const wanted = make();
  const index = c.fields.findIndex((f) => f.name === wanted.name);
  const existing = index >= 0 ? c.fields[index] : undefined;
  if (existing && existing.type === wanted.type) {
    Object.assign(existing, enforce);
    return existing;
  }
  const previous = original?.fields.find((f) => f.name === wanted.name && f.type === wanted.type);
  if (previous) wanted.id = previous.id;
  if (index >= 0) c.fields[index] = wanted;
  else if (wanted.name === 'id') c.fields.unshift(wanted);
  else c.fields.push(wanted);
  return wanted;
}

function ensureUniqueIndex(c: Collection, field: string, where: string): void {
  if (findSingleColumnUniqueIndex(c.indexes, field)) return;
  const tail = where ? ` WHERE ${where}` : '';
  c.indexes.push(`CREATE UNIQUE INDEX \`${fieldIndexName(c, field)}\` ON \`${c.name}\` (\`${field}\`)${tail}`);
}

/** Re-inserts missing system fields and their unique indexes, and enforces their protected flags. */
export function ensureSystemFields(c: Collection, original?: Collection): void {
  if (c.type === 'view') return;
  const id = ensureField(
    c,
    defaultIdField,
    { system: true, required: true, primaryKey: true, hidden: false },
    original,
  );
  if (id.pattern === '' || id.pattern === undefined) id.pattern = DEFAULT_ID_PATTERN;
  if (c.type !== 'auth') return;
  const [password, tokenKey, email, emailVisibility, verified] = defaultAuthFields() as [
    Field,
    Field,
    Field,
    Field,
    Field,
  ];
  ensureField(c, () => password, { system: true, hidden: true, required: true }, original);
  ensureField(c, () => tokenKey, { system: true, hidden: true, required: true }, original);
  ensureUniqueIndex(c, 'tokenKey', '');
  ensureField(c, () => email, { system: true, hidden: false }, original);
  ensureUniqueIndex(c, 'email', "`email` != ''");
  ensureField(c, () => emailVisibility, { system: true }, original);
  ensureField(c, () => verified, { system: true }, original);
}

/** A new collection of `type` with its default fields, indexes and options (id from type + name unless given). */
export function newCollection(type: CollectionType, name: string, id?: string): Collection {
  const c: Collection = {
    id: id || collectionIdChecksum(type, name),
    name,
    type,
    system: false,
    fields: [],
    indexes: [],
    listRule: null,
    viewRule: null,
    createRule: null,
    updateRule: null,
    deleteRule: null,
    created: '',
    updated: '',
  };
  if (type === 'view') c.viewQuery = '';
  if (type === 'auth') c.auth = defaultAuthOptions();
  ensureSystemFields(c);
  return c;
}

/** The three scaffolds served by the API: blank id and name, defaults otherwise. */
export function collectionScaffolds(): Record<CollectionType, Collection> {
  const randomId = randomString(10, ALPHANUMERIC);
  const out = {} as Record<CollectionType, Collection>;
  for (const type of ['auth', 'base', 'view'] as const) {
    const c = newCollection(type, '', randomId);
    c.id = '';
    out[type] = c;
  }
  return out;
}
