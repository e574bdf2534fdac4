import { sql } from '../../store/sql.js';
import type { App } from '../app.js';
import { type Collection, type Field, isMultiple } from '../collection.js';
import { hasSingleColumnUniqueIndex } from '../collections/index-def.js';
import { Errors } from '../errors.js';
import type { RecordData, RequestInfo } from '../request.js';
import { MAIN } from '../rules-sql/index.js';
import { rowToRecord } from './codec.js';
import { compileRule } from './rule-check.js';

/** Parsed `expand` param: relation name → nested paths. */
export type ExpandTree = Map<string, ExpandTree>;

const MAX_DEPTH = 6;
const MAX_BACK_RELATED = 1000;

/**
 * The most records one request may load for `expand`, and the most it may put in one response.
 * Each level of an expand can multiply the records of the level above (a back-relation fans out to
 * every record pointing back), so without a bound a short query string grows a response
 * exponentially. Both counts are checked as the expansion proceeds, before the work is done.
 */
export const MAX_EXPANDED_RECORDS = 20_000;

type ExpandMap = Record<string, ExpandedNode | ExpandedNode[]>;

/** Counts what one request's expansion loads and how many records its response will hold. */
class ExpandBudget {
  private loaded = 0;
  /** records in the response under each expand map, nested ones included (shared maps are counted once each time they appear) */
  private readonly weights = new WeakMap<ExpandMap, number>();

  load(rows: number): void {
    this.loaded += rows;
    if (this.loaded > MAX_EXPANDED_RECORDS) throw Errors.expandTooLarge();
  }

  /** The records `entry` puts in the response, its nested expands included. */
  weigh(entry: ExpandMap): number {
    let weight = 0;
    for (const value of Object.values(entry)) {
      for (const node of Array.isArray(value) ? value : [value]) {
        weight += 1 + (node.expand ? (this.weights.get(node.expand) ?? 0) : 0);
      }
    }
    this.weights.set(entry, weight);
    return weight;
  }
}

function checkWeight(weight: number): void {
  if (weight > MAX_EXPANDED_RECORDS) throw Errors.expandTooLarge();
}

export function parseExpand(raw: string | undefined): ExpandTree {
  const root: ExpandTree = new Map();
  if (!raw) return root;
  for (const item of raw.split(',')) {
    const path = item.replace(/\s+/g, '').replace(/\.+$/, '');
    if (!path) continue;
    let node = root;
    for (const seg of path.split('.').slice(0, MAX_DEPTH)) {
      if (!seg) break;
      let next = node.get(seg);
      if (!next) {
        next = new Map();
        node.set(seg, next);
      }
      node = next;
    }
  }
  return root;
}

interface Hop {
  target: Collection;
  /** relation field on the source (forward) or on the target (back-relation) */
  field: Field;
  back: boolean;
  single: boolean;
}

function resolveHop(app: App, source: Collection, name: string): Hop | null {
  const field = source.fields.find((f) => f.name === name && f.type === 'relation');
  if (field) {
    const target = app.collections.find(String(field.collectionId));
    return target ? { target, field, back: false, single: !isMultiple(field) } : null;
  }
  const m = /^(\w+?)_via_(\w+)$/.exec(name);
  if (!m) return null;
  const target = app.collections.find(m[1] as string);
  const backField = target?.fields.find(
    (f) => f.name === m[2] && f.type === 'relation' && f.collectionId === source.id,
  );
  if (!target || !backField) return null;
  const single = !isMultiple(backField) && hasSingleColumnUniqueIndex(target, backField.name);
  return { target, field: backField, back: true, single };
}

function idsOf(value: unknown): string[] {
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === 'string' && v !== '');
  return typeof value === 'string' && value !== '' ? [value] : [];
}

/** Loads the related records of one hop for all `records` at once, with the target's viewRule applied. */
async function loadHop(
  app: App,
  hop: Hop,
  records: RecordData[],
  info: RequestInfo,
  budget: ExpandBudget,
): Promise<RecordData[]> {
  const su = info.requester.isSuperuser;
  if (hop.target.viewRule === null && !su) return [];
  const keys = hop.back
    ? records.map((r) => String(r.id))
    : [...new Set(records.flatMap((r) => idsOf(r[hop.field.name])))];
  if (keys.length === 0) return [];
  const expandInfo: RequestInfo = { ...info, context: 'expand' };
  const rule = su ? null : compileRule(app, hop.target, hop.target.viewRule ?? '', expandInfo);
  const db = app.store;
  const out: RecordData[] = [];
  for (let i = 0; i < keys.length; i += 500) {
    const chunk = keys.slice(i, i + 500);
    const list = sql.list(chunk);
    const col = sql.id(MAIN, hop.back ? hop.field.name : 'id');
    const match =
      hop.back && isMultiple(hop.field) ? db.dialect.jsonArrayContains(col, list) : sql`${col} IN (${list})`;
    const rows = await db.all(
      sql`SELECT ${sql.id(MAIN)}.* FROM ${sql.id(hop.target.name)} AS ${sql.id(MAIN)} WHERE ${match}${rule ? sql` AND (${rule})` : sql.empty}`,
    );
    budget.load(rows.length);
    for (const row of rows) out.push(rowToRecord(db.dialect, hop.target, row));
  }
  return out;
}

export interface ExpandedNode {
  collection: Collection;
  record: RecordData;
  expand?: ExpandMap;
}

/**
 * Expands relations of `records` level by level: one query per relation per level, never one per record.
 * Returns, per record id, its expand map (absent when the tree resolved no valid relation).
 * Answers 400 once the expansion loads, or its response would hold, more than MAX_EXPANDED_RECORDS.
 */
export async function expandRecords(
  app: App,
  collection: Collection,
  records: RecordData[],
  tree: ExpandTree,
  info: RequestInfo,
  budget = new ExpandBudget(),
): Promise<Map<string, ExpandMap>> {
  const result = new Map<string, ExpandMap>();
  if (tree.size === 0 || records.length === 0) return result;
  let anyValid = false;
  // nodes made at this level: each is in the response at least once, so they count before they pile up
  let made = 0;
  for (const [name, sub] of tree) {
    const hop = resolveHop(app, collection, name);
    if (!hop) continue;
    anyValid = true;
    const related = await loadHop(app, hop, records, info, budget);
    const nested = await expandRecords(app, hop.target, related, sub, info, budget);
    const node = (r: RecordData): ExpandedNode => {
      const e = nested.get(String(r.id));
      return e ? { collection: hop.target, record: r, expand: e } : { collection: hop.target, record: r };
    };
    const byId = new Map(related.map((r) => [String(r.id), r]));
    const pointingTo = new Map<string, RecordData[]>();
    if (hop.back) {
      for (const r of related) {
        for (const target of idsOf(r[hop.field.name])) {
          const list = pointingTo.get(target);
          if (list) list.push(r);
          else pointingTo.set(target, [r]);
        }
      }
    }
    for (const rec of records) {
      const id = String(rec.id);
      const entry = result.get(id) ?? {};
      result.set(id, entry);
      let list: RecordData[];
      if (hop.back) list = (pointingTo.get(id) ?? []).slice(0, MAX_BACK_RELATED);
      else
        list = idsOf(rec[hop.field.name])
          .map((x) => byId.get(x))
          .filter((r): r is RecordData => r !== undefined);
      if (list.length === 0) continue;
      made += hop.single ? 1 : list.length;
      checkWeight(made);
      entry[name] = hop.single ? node(list[list.length - 1] as RecordData) : list.map(node);
    }
  }
  if (!anyValid) result.clear();
  // every record of this level appears in the response at least once, with all it expands
  let total = 0;
  for (const entry of result.values()) {
    total += budget.weigh(entry);
    checkWeight(total);
  }
  return result;
}
