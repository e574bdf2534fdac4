import type { App } from '../../core/app.js';
import type { Collection } from '../../core/collection.js';
import { presentRecord } from '../../core/records/present.js';
import type { RecordData, RequestInfo } from '../../core/request.js';

type Json = Record<string, unknown>;

/** Removes the hidden fields of a serialised record and of the records expanded in it. */
function stripHidden(app: App, json: Json): Json {
  const c = app.collections.find(String(json.collectionId ?? ''));
  if (c) for (const f of c.fields) if (f.hidden) delete json[f.name];
  const expand = json.expand;
  if (expand && typeof expand === 'object') {
    for (const v of Object.values(expand as Json)) {
      for (const item of Array.isArray(v) ? v : [v])
        if (item && typeof item === 'object') stripHidden(app, item as Json);
    }
  }
  return json;
}

/**
 * The record of an event as one subscriber may see it: a clean copy with the subscriber's expand
 * (each expanded relation checked against its own view rule), email shown as the REST API would
 * show it, and hidden fields left out for everyone, superusers included.
 */
export async function presentForEvent(
  app: App,
  collection: Collection,
  record: RecordData,
  info: RequestInfo,
  expand: string,
): Promise<Json> {
  const json = await presentRecord(app, collection, record, info, expand ? { expand } : {});
  return stripHidden(app, json);
}
