import { Pacer } from '../../lib/pacer.js';
import type { App } from '../app.js';
import type { Collection } from '../collection.js';
import type { RecordData, RequestInfo } from '../request.js';
import { type ExpandedNode, expandRecords, parseExpand } from './expand.js';
import { managedIds } from './read.js';
import { serializeRecord } from './serialize.js';

export interface PresentOptions {
  expand?: string | undefined;
  /** the records are the subject of an auth response */
  authResponse?: boolean;
}

type Json = Record<string, unknown>;

async function serializeNodes(
  app: App,
  nodes: ExpandedNode[],
  info: RequestInfo,
  pacer: Pacer,
): Promise<Map<ExpandedNode, Json>> {
  const out = new Map<ExpandedNode, Json>();
  const byCollection = new Map<Collection, ExpandedNode[]>();
  for (const n of nodes) byCollection.set(n.collection, [...(byCollection.get(n.collection) ?? []), n]);
  for (const [c, list] of byCollection) {
    const managed = info.requester.isSuperuser
      ? new Set<string>()
      : await managedIds(
          app,
          c,
          list.map((n) => String(n.record.id)),
          info,
        );
    for (const n of list) {
      await pacer.tick();
      const json = serializeRecord(c, n.record, info.requester, { canManage: managed.has(String(n.record.id)) });
      if (n.expand) json.expand = await serializeExpand(app, n.expand, info, pacer);
      out.set(n, json);
    }
  }
  return out;
}

async function serializeExpand(
  app: App,
  expand: Record<string, ExpandedNode | ExpandedNode[]>,
  info: RequestInfo,
  pacer: Pacer,
): Promise<Json> {
  const all = Object.values(expand).flatMap((v) => (Array.isArray(v) ? v : [v]));
  const json = await serializeNodes(app, all, info, pacer);
  const out: Json = {};
  for (const [k, v] of Object.entries(expand)) {
    out[k] = Array.isArray(v) ? v.map((n) => json.get(n)) : json.get(v);
  }
  return out;
}

/** Records → API JSON: visibility rules, email visibility (manageRule), and `expand`. */
export async function presentRecords(
  app: App,
  collection: Collection,
  records: RecordData[],
  info: RequestInfo,
  opts: PresentOptions = {},
): Promise<Json[]> {
  const tree = parseExpand(opts.expand);
  const expanded = tree.size > 0 ? await expandRecords(app, collection, records, tree, info) : new Map();
  const ids = records.map((r) => String(r.id));
  const managed = info.requester.isSuperuser ? new Set<string>() : await managedIds(app, collection, ids, info);
  const out: Json[] = [];
  // a large expand is serialised in slices so other requests are served meanwhile
  const pacer = new Pacer();
  for (const r of records) {
    const json = serializeRecord(collection, r, info.requester, {
      canManage: managed.has(String(r.id)),
      authResponse: opts.authResponse === true,
    });
    if (expanded.size > 0) json.expand = await serializeExpand(app, expanded.get(String(r.id)) ?? {}, info, pacer);
    out.push(json);
  }
  return out;
}

export async function presentRecord(
  app: App,
  collection: Collection,
  record: RecordData,
  info: RequestInfo,
  opts: PresentOptions = {},
): Promise<Json> {
  const [json] = await presentRecords(app, collection, [record], info, opts);
  return json as Json;
}
