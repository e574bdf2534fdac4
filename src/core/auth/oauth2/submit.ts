import { ALPHANUMERIC, randomString } from '../../../lib/random.js';
import { sql } from '../../../store/sql.js';
import type { Queryable } from '../../../store/store.js';
import type { App } from '../../app.js';
import { type Collection, fieldByName } from '../../collection.js';
import { SUPERUSERS } from '../../collections/system.js';
import { Errors, isApiError } from '../../errors.js';
import type { RecordAuthWithOAuth2RequestEvent } from '../../events.js';
import { deleteRecord } from '../../records/delete.js';
import { findRecordById } from '../../records/lookup.js';
import { createRecordRequest } from '../../records/requests.js';
import { createRecord, updateRecord } from '../../records/write.js';
import { type RecordData, requestInfo, SYSTEM } from '../../request.js';
import { EXTERNAL_AUTHS, type FoundAccount, linksOf } from './accounts.js';
import type { OAuth2User } from './types.js';

const systemInfo = () => requestInfo(SYSTEM, { method: 'POST', context: 'oauth2' });

function randomPassword(): string {
  return randomString(30, ALPHANUMERIC);
}

/**
 * The body of the new record: `createData`, the provider email unless one was submitted, and the
 * mapped fields the data does not set. An avatar URL is stored only in a non-file field: a file
 * field would need the image downloaded, which waits for file storage.
 */
export function createPayload(collection: Collection, createData: Record<string, unknown>, user: OAuth2User) {
  const p: Record<string, unknown> = { ...createData };
  if (typeof p.email !== 'string' || p.email === '') p.email = user.email;
  const m = collection.auth?.oauth2.mappedFields;
  if (m?.id && !(m.id in p)) p[m.id] = user.id;
  if (m?.name && !(m.name in p)) p[m.name] = user.name;
  if (m?.username && !(m.username in p) && user.username !== '') p[m.username] = user.username;
  if (m?.avatarURL && !(m.avatarURL in p) && user.avatarURL !== '') {
    if (fieldByName(collection, m.avatarURL)?.type !== 'file') p[m.avatarURL] = user.avatarURL;
  }
  if (!('password' in p)) {
    const password = randomPassword();
    p.password = password;
    p.passwordConfirm = password;
  }
  return p;
}

function systemUpdate(app: App, tx: Queryable, c: Collection, id: string, data: Record<string, unknown>) {
  return updateRecord(app, c, id, { data, files: [] }, systemInfo(), tx);
}

/** Creates the record as `POST /records` would for the caller (createRule applies), in context "oauth2". */
async function createAccount(app: App, tx: Queryable, e: RecordAuthWithOAuth2RequestEvent): Promise<RecordData> {
  const c = e.collection;
  if (c.name === SUPERUSERS) throw Errors.authFailed();
  const data = createPayload(c, e.createData, e.oauth2User);
  const info = { ...e.info, method: 'POST', body: data, context: 'oauth2' };
  const response = (await createRecordRequest(app, c, { data, files: [] }, undefined, info, tx)) as { id?: unknown };
  const record = typeof response?.id === 'string' ? await findRecordById(tx, c, response.id) : null;
  if (!record) throw Errors.authFailed();
  if (record.email === e.oauth2User.email && record.verified !== true) {
    return systemUpdate(app, tx, c, String(record.id), { verified: true });
  }
  return record;
}

/**
 * Brings an existing record in line with the provider: an unverified record someone else may have
 * registered with this email loses its password and its other provider links; an empty email is
 * filled; the record is verified when its email is empty or the provider's.
 */
async function updateAccount(
  app: App,
  tx: Queryable,
  e: RecordAuthWithOAuth2RequestEvent,
  record: RecordData,
): Promise<RecordData> {
  const c = e.collection;
  const requester = e.info.requester;
  const isCaller = requester.record?.id === record.id && requester.collection?.id === c.id;
  const email = typeof record.email === 'string' ? record.email : '';
  const changes: Record<string, unknown> = {};
  if (!isCaller && email !== '' && record.verified !== true) {
    const password = randomPassword();
    changes.password = password;
    changes.passwordConfirm = password;
    const ext = app.collections.find(EXTERNAL_AUTHS);
    if (ext)
      for (const id of await linksOf(tx, c, String(record.id))) await deleteRecord(app, ext, id, systemInfo(), tx);
  }
  const nextEmail = email === '' ? e.oauth2User.email : email;
  if (nextEmail !== email) changes.email = nextEmail;
  if (record.verified !== true && (nextEmail === '' || nextEmail === e.oauth2User.email)) changes.verified = true;
  return Object.keys(changes).length > 0 ? systemUpdate(app, tx, c, String(record.id), changes) : record;
}

/** Links the record to the provider user (a system write). */
async function link(app: App, tx: Queryable, e: RecordAuthWithOAuth2RequestEvent, record: RecordData): Promise<void> {
  const ext = app.collections.find(EXTERNAL_AUTHS);
  if (!ext) throw Errors.internal();
  const data = {
    collectionRef: e.collection.id,
    recordRef: record.id,
    provider: e.providerName,
    providerId: e.oauth2User.id,
  };
  try {
    await createRecord(app, ext, { data, files: [] }, requestInfo(SYSTEM, { method: 'POST' }), tx);
  } catch (err) {
    // e.g. the record is already linked to another user of the same provider
    if (isApiError(err)) throw Errors.authFailed();
    throw err;
  }
}

/** The writes of a sign-in, in one transaction: create or update the record, then link it. */
export async function submitOAuth2(
  app: App,
  tx: Queryable,
  e: RecordAuthWithOAuth2RequestEvent,
  found: FoundAccount,
): Promise<RecordData> {
  const ext = app.collections.find(EXTERNAL_AUTHS);
  if (found.staleLinkId && ext) await deleteRecord(app, ext, found.staleLinkId, systemInfo(), tx);
  const record = e.record ? await updateAccount(app, tx, e, e.record) : await createAccount(app, tx, e);
  const stillLinked = found.linkId !== null && e.record !== null && found.record?.id === record.id;
  if (!stillLinked || !(await linkExists(tx, found.linkId))) await link(app, tx, e, record);
  return record;
}

async function linkExists(tx: Queryable, id: string | null): Promise<boolean> {
  if (id === null) return false;
  const row = await tx.get(sql`SELECT 1 AS ok FROM ${sql.id(EXTERNAL_AUTHS)} WHERE ${sql.id('id')} = ${id} LIMIT 1`);
  return row !== undefined;
}
