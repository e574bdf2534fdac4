import type { App } from '../app.js';
import { type Collection, fieldByName } from '../collection.js';
import { findSingleColumnUniqueIndex } from '../collections/index-def.js';
import { findRecordByField } from '../records/lookup.js';
import type { RecordData } from '../request.js';
import { isEmailShaped } from './email-shape.js';

const EMAIL_FIELD = 'email';

/**
 * Finds the record whose identity `field` equals `value`. The field must be an identity
 * field with a single-column UNIQUE index; the match ignores case only with COLLATE NOCASE.
 */
async function findByIdentityField(
  app: App,
  collection: Collection,
  field: string,
  value: string,
): Promise<RecordData | null> {
  const identityFields = collection.auth?.passwordAuth.identityFields ?? [];
  if (!identityFields.includes(field)) return null;
  const def = fieldByName(collection, field);
  if (!def) return null;
  const index = findSingleColumnUniqueIndex(collection.indexes, field);
  if (!index) {
    app.log.warn({ collection: collection.name, field }, 'identity field has no single-column unique index');
    return null;
  }
  const nocase = (index.columns[0]?.collate ?? '').toLowerCase() === 'nocase';
  return findRecordByField(app.store, collection, def.name, value, nocase);
}

/**
 * Finds the record for a sign-in identity: only `identityField` when given, otherwise each
 * identity field in turn with `email` first (skipped when the identity is not email-shaped).
 */
export async function findByIdentity(
  app: App,
  collection: Collection,
  identity: string,
  identityField = '',
): Promise<RecordData | null> {
  if (identityField !== '') return findByIdentityField(app, collection, identityField, identity);
  const fields = collection.auth?.passwordAuth.identityFields ?? [];
  const emailShaped = isEmailShaped(identity);
  const order = fields.includes(EMAIL_FIELD) ? [EMAIL_FIELD, ...fields.filter((f) => f !== EMAIL_FIELD)] : fields;
  for (const field of order) {
    if (field === EMAIL_FIELD && !emailShaped) continue;
    const record = await findByIdentityField(app, collection, field, identity);
    if (record) return record;
  }
  return null;
}
