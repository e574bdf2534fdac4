import type { Collection, Field } from '../collection.js';
import { makeField, newCollection } from './scaffolds.js';

export const SUPERUSERS = '_superusers';
export const USERS_ID = '_pb_users_auth_';
const MFAS = '_mfas';
const OTPS = '_otps';
const EXTERNAL_AUTHS = '_externalAuths';
const AUTH_ORIGINS = '_authOrigins';

const OWNER_RULE =
  "@request.auth.id != '' && recordRef = @request.auth.id && collectionRef = @request.auth.collectionId";

const IMAGE_MIME_TYPES = ['image/jpeg', 'image/png', 'image/svg+xml', 'image/gif', 'image/webp'];

const systemText = (name: string, extra: Record<string, unknown> = { required: true }) =>
  makeField('text', name, { system: true, ...extra });

function autodates(system: boolean): Field[] {
  return [
    makeField('autodate', 'created', { system, onCreate: true, onUpdate: false }),
    makeField('autodate', 'updated', { system, onCreate: true, onUpdate: true }),
  ];
}

function systemBase(name: string, fields: Field[], indexes: string[], rules: Partial<Collection>): Collection {
  const c = newCollection('base', name);
  c.system = true;
  c.fields.push(...fields, ...autodates(true));
  c.indexes.push(...indexes);
  Object.assign(c, rules);
  return c;
}

const index = (unique: boolean, name: string, table: string, columns: string) =>
  `CREATE ${unique ? 'UNIQUE ' : ''}INDEX \`${name}\` ON \`${table}\` (${columns})`;

function mfasCollection(): Collection {
  return systemBase(
    MFAS,
    [systemText('collectionRef'), systemText('recordRef'), systemText('method')],
    [index(false, 'idx_mfas_collectionRef_recordRef', MFAS, 'collectionRef,recordRef')],
    { listRule: OWNER_RULE, viewRule: OWNER_RULE },
  );
}

function otpsCollection(): Collection {
  return systemBase(
    OTPS,
    [
      systemText('collectionRef'),
      systemText('recordRef'),
      makeField('password', 'password', { system: true, hidden: true, required: true, cost: 8 }),
      systemText('sentTo', { hidden: true }),
    ],
    [index(false, 'idx_otps_collectionRef_recordRef', OTPS, 'collectionRef, recordRef')],
    { listRule: OWNER_RULE, viewRule: OWNER_RULE },
  );
}

function externalAuthsCollection(): Collection {
  return systemBase(
    EXTERNAL_AUTHS,
    [systemText('collectionRef'), systemText('recordRef'), systemText('provider'), systemText('providerId')],
    [
      index(true, 'idx_externalAuths_record_provider', EXTERNAL_AUTHS, 'collectionRef, recordRef, provider'),
      index(true, 'idx_externalAuths_collection_provider', EXTERNAL_AUTHS, 'collectionRef, provider, providerId'),
    ],
    { listRule: OWNER_RULE, viewRule: OWNER_RULE, deleteRule: OWNER_RULE },
  );
}

function authOriginsCollection(): Collection {
  return systemBase(
    AUTH_ORIGINS,
    [systemText('collectionRef'), systemText('recordRef'), systemText('fingerprint')],
    [index(true, 'idx_authOrigins_unique_pairs', AUTH_ORIGINS, 'collectionRef, recordRef, fingerprint')],
    { listRule: OWNER_RULE, viewRule: OWNER_RULE, deleteRule: OWNER_RULE },
  );
}

function superusersCollection(): Collection {
  const c = newCollection('auth', SUPERUSERS);
  c.system = true;
  c.fields.push(...autodates(true));
  if (c.auth) c.auth.authToken.duration = 86400;
  return c;
}

function usersCollection(): Collection {
  const c = newCollection('auth', 'users', USERS_ID);
  const owner = 'id = @request.auth.id';
  Object.assign(c, { listRule: owner, viewRule: owner, createRule: '', updateRule: owner, deleteRule: owner });
  c.fields.push(
    makeField('text', 'name', { max: 255 }),
    makeField('file', 'avatar', { maxSelect: 1, mimeTypes: [...IMAGE_MIME_TYPES] }),
    ...autodates(false),
  );
  if (c.auth) {
    c.auth.oauth2.mappedFields.name = 'name';
    c.auth.oauth2.mappedFields.avatarURL = 'avatar';
  }
  return c;
}

/** The collections of a fresh install, in creation order. */
export function freshInstallCollections(): Collection[] {
  return [
    mfasCollection(),
    otpsCollection(),
    externalAuthsCollection(),
    authOriginsCollection(),
    superusersCollection(),
    usersCollection(),
  ];
}

/**
 * Settings the server forces on `_superusers` at every save: password auth on, OAuth2 off,
 * and MFA on whenever OTP is on.
 */
export function enforceSuperusersOptions(c: Collection): void {
  if (c.name !== SUPERUSERS || !c.system || !c.auth) return;
  c.auth.oauth2.enabled = false;
  c.auth.passwordAuth.enabled = true;
  if (c.auth.otp.enabled) c.auth.mfa.enabled = true;
}
