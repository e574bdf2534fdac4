import { sql } from '../../../store/sql.js';
import type { Queryable } from '../../../store/store.js';
import type { App } from '../../app.js';
import type { Collection } from '../../collection.js';
import { findSingleColumnUniqueIndex } from '../../collections/index-def.js';
import { findRecordByField, findRecordById } from '../../records/lookup.js';
import type { RecordData, Requester } from '../../request.js';
import type { OAuth2User } from './types.js';

export const EXTERNAL_AUTHS = '_externalAuths';

/** The record a provider user signs in as, and how it was found. */
export interface FoundAccount {
  /** null: a new record is to be created */
  record: RecordData | null;
  /** the `_externalAuths` link that named the record; null when there is none yet */
  linkId: string | null;
  /** a link whose record no longer exists: removed before the new one is made */
  staleLinkId: string | null;
}

interface LinkRow {
  id: string;
  recordRef: string;
}

/** The `_externalAuths` link of (collection, provider, provider user id), if any. */
export async function findLink(
  db: Queryable,
  collection: Collection,
  provider: string,
  providerId: string,
): Promise<LinkRow | null> {
  const row = await db.get<LinkRow>(
    sql`SELECT ${sql.id('id')}, ${sql.id('recordRef')} FROM ${sql.id(EXTERNAL_AUTHS)}
        WHERE ${sql.id('collectionRef')} = ${collection.id} AND ${sql.id('provider')} = ${provider}
        AND ${sql.id('providerId')} = ${providerId} LIMIT 1`,
  );
  return row ? { id: String(row.id), recordRef: String(row.recordRef) } : null;
}

/** The ids of every link of one record. */
export async function linksOf(db: Queryable, collection: Collection, recordId: string): Promise<string[]> {
  const rows = await db.all<{ id: string }>(
    sql`SELECT ${sql.id('id')} FROM ${sql.id(EXTERNAL_AUTHS)}
        WHERE ${sql.id('collectionRef')} = ${collection.id} AND ${sql.id('recordRef')} = ${recordId}`,
  );
  return rows.map((r) => String(r.id));
}

/** The record whose email equals `email`, ignoring case only when the email index is NOCASE. */
async function findByEmail(db: Queryable, collection: Collection, email: string): Promise<RecordData | null> {
  const index = findSingleColumnUniqueIndex(collection.indexes, 'email');
  const nocase = (index?.columns[0]?.collate ?? '').toLowerCase() === 'nocase';
  return findRecordByField(db, collection, 'email', email, nocase);
}

/**
 * Resolves the account, first match wins: an existing link for this provider user; the caller's own
 * record when they are signed in to this collection; a record with the provider's (verified) email;
 * otherwise none, and a new record will be created.
 */
export async function findAccount(
  app: App,
  collection: Collection,
  provider: string,
  user: OAuth2User,
  requester: Requester,
): Promise<FoundAccount> {
  const db = app.store;
  const link = await findLink(db, collection, provider, user.id);
  let staleLinkId: string | null = null;
  if (link) {
    const record = await findRecordById(db, collection, link.recordRef);
    if (record) return { record, linkId: link.id, staleLinkId: null };
    staleLinkId = link.id;
  }
  const own = requester.record && requester.collection?.id === collection.id ? requester.record : null;
  if (own) {
    const record = await findRecordById(db, collection, String(own.id));
    if (record) return { record, linkId: null, staleLinkId };
  }
  const record = user.email !== '' ? await findByEmail(db, collection, user.email) : null;
  return { record, linkId: null, staleLinkId };
}
