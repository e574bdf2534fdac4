import type { Collection } from '../collection.js';
import type { RecordData, Requester } from '../request.js';

export interface SerializeOptions {
  /** the viewer satisfies the collection's manageRule for this record */
  canManage?: boolean;
  /** the record is the subject of an auth response: its own email is always shown */
  authResponse?: boolean;
  /** expanded relations, already serialised */
  expand?: Record<string, unknown>;
}

const NEVER_OUTPUT = new Set(['password', 'tokenKey']);

/** Record → public JSON: hidden fields, password/tokenKey and email visibility applied. */
export function serializeRecord(
  collection: Collection,
  data: RecordData,
  viewer: Requester,
  opts: SerializeOptions = {},
): Record<string, unknown> {
  const out: Record<string, unknown> = {
    collectionId: collection.id,
    collectionName: collection.name,
  };
  const isAuth = collection.type === 'auth';
  for (const f of collection.fields) {
    if (isAuth && NEVER_OUTPUT.has(f.name) && f.system) continue;
    if (f.type === 'password') continue;
    if (f.hidden && !viewer.isSuperuser) continue;
    out[f.name] = data[f.name] ?? null;
  }
  if (isAuth && 'email' in out && !data.emailVisibility) {
    const self = viewer.record?.id === data.id && viewer.collection?.id === collection.id;
    if (!(viewer.isSuperuser || self || opts.canManage || opts.authResponse)) delete out.email;
  }
  if (opts.expand) out.expand = opts.expand;
  return out;
}
