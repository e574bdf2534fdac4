import type { BlobInfo, BlobStore } from '../../blob/blob.js';
import { sql } from '../../store/sql.js';
import type { App } from '../app.js';
import { type Collection, type Field, isMultiple } from '../collection.js';
import { Errors } from '../errors.js';
import { toUniqueStrings } from '../fields/cast.js';
import { rowToRecord } from '../records/codec.js';
import { findRecordById } from '../records/lookup.js';
import { storedRecordMatches } from '../records/rule-check.js';
import type { RecordData } from '../request.js';
import { requestInfo } from '../request.js';
import { verifyFileToken } from './file-token.js';
import { fileKey } from './keys.js';
import { contentDisposition, servedType } from './policy.js';
import { thumbnailKey } from './thumbs.js';

export interface DownloadRequest {
  collection: string;
  recordId: string;
  filename: string;
  /** `?thumb=` */
  thumb: string;
  /** `?download=` read as a boolean */
  download: boolean;
  /** `?token=`: a file token, checked only for protected files */
  token: string;
}

/** What to stream back: the object, and the headers that belong to it. */
export interface Download {
  blob: BlobStore;
  info: BlobInfo;
  contentType: string;
  disposition: string;
}

interface Located {
  collection: Collection;
  record: RecordData;
  field: Field;
}

/** The file field of `record` that holds `name`. */
function fieldHolding(collection: Collection, record: RecordData, name: string): Field | undefined {
  return collection.fields.find((f) => f.type === 'file' && toUniqueStrings(record[f.name]).includes(name));
}

/** A view's file lives with the record of the collection its field was copied from: found by the name it holds. */
async function sourceOf(app: App, view: Field, name: string): Promise<Located | null> {
  for (const c of app.collections.all()) {
    if (c.type === 'view') continue;
    const field = c.fields.find((f) => f.type === 'file' && f.id === view.id);
    if (!field) continue;
    const column = sql.id(field.name);
    const cond = isMultiple(field)
      ? app.store.dialect.jsonArrayContains(column, sql`${name}`)
      : sql`${column} = ${name}`;
    const row = await app.store.get(sql`SELECT * FROM ${sql.id(c.name)} WHERE ${cond} LIMIT 1`);
    if (row) return { collection: c, record: rowToRecord(app.store.dialect, c, row), field };
  }
  return null;
}

async function locate(app: App, req: DownloadRequest): Promise<Located & { viewed: Collection }> {
  const viewed = app.collections.find(req.collection);
  if (!viewed || req.recordId === '' || req.filename === '') throw Errors.notFound();
  const record = await findRecordById(app.store, viewed, req.recordId);
  const field = record ? fieldHolding(viewed, record, req.filename) : undefined;
  if (!record || !field) throw Errors.notFound();
  if (viewed.type !== 'view') return { collection: viewed, record, field, viewed };
  const source = await sourceOf(app, field, req.filename);
  if (!source) throw Errors.notFound();
  return { ...source, field, viewed };
}

/** Protected files: the view rule with the file token's record as `@request.auth`; any failure is a 404. */
async function checkAccess(app: App, viewed: Collection, recordId: string, token: string): Promise<void> {
  const requester = token ? await verifyFileToken(app, token) : null;
  if (requester?.isSuperuser) return;
  const rule = viewed.viewRule;
  if (rule === null || rule === undefined) throw Errors.notFound();
  if (rule.trim() === '') return;
  const info = requestInfo(requester ?? { record: null, collection: null, isSuperuser: false }, {
    context: 'protectedFile',
  });
  if (!(await storedRecordMatches(app, app.store, viewed, rule, info, recordId))) throw Errors.notFound();
}

/**
 * Finds the file a download asks for: the record must exist and hold the name in a file field
 * (else 404); a protected field also needs the view rule to pass for the file token's record. A
 * thumbnail replaces the original when one is allowed and can be made.
 */
export async function resolveDownload(app: App, req: DownloadRequest): Promise<Download> {
  const { collection, record, field, viewed } = await locate(app, req);
  if (field.protected === true) await checkAccess(app, viewed, req.recordId, req.token);
  const blob = app.files.blob();
  const recordId = String(record.id);
  const original = await blob.head(fileKey(collection.id, recordId, req.filename));
  if (!original) throw Errors.notFound();
  let info = original;
  let name = req.filename;
  if (req.thumb !== '') {
    const at = { collectionId: collection.id, recordId, name: req.filename, field, contentType: original.contentType };
    const key = await thumbnailKey(app, blob, at, req.thumb);
    const thumb = key ? await blob.head(key) : null;
    if (thumb) {
      info = thumb;
      name = `${req.thumb}_${req.filename}`;
    }
  }
  const contentType = servedType(name, info.contentType);
  return { blob, info, contentType, disposition: contentDisposition(name, contentType, req.download) };
}
