import type { App } from '../../core/app.js';
import type { Collection } from '../../core/collection.js';
import { type RecordData, type Requester, type RequestInfo, requestInfo } from '../../core/request.js';
import type { RealtimeBroker } from './broker.js';
import { type Gate, readsOf, recordPasses } from './judge.js';
import { presentForEvent } from './present.js';
import type { Entry } from './subscribers.js';
import type { Subscription } from './topics.js';

/**
 * A subscription's sharing keys, remembered between events: they change only when its auth does
 * (auth upkeep replaces the requester) or the rule does. Building them means joining and
 * serialising the subscriber's query and headers, which ten thousand subscribers would otherwise
 * pay on every event.
 */
interface SharingKeys {
  auth: Requester;
  /** the rule and filter text the verdict key was made for */
  gate: string;
  verdict: string;
  /** the collection type the payload key was made for (auth records are shown per viewer) */
  type: string;
  payload: string;
}

export type RecordAction = 'create' | 'update' | 'delete';

/** A committed record write, as every instance sees it. */
export interface RecordChange {
  action: RecordAction;
  collection: Collection;
  /** the record as written (for a delete: as it was) */
  record: RecordData;
}

/** Picks the `fields` of a JSON value (the `?fields=` picker of the HTTP layer). */
export type FieldsPicker = (value: unknown, fields: string | undefined) => unknown;

const requesterKey = (r: Requester) =>
  r.isSuperuser
    ? `su:${String(r.record?.id ?? '')}`
    : r.record
      ? `${r.collection?.id}/${String(r.record.id)}`
      : 'guest';

/** Awaits every promise of `map`; a rejected one counts as undefined. */
async function settle<T>(map: Map<string, Promise<T>>): Promise<Map<string, T | undefined>> {
  const keys = [...map.keys()];
  const values = await Promise.allSettled(map.values());
  return new Map(keys.map((k, i) => [k, values[i]?.status === 'fulfilled' ? values[i].value : undefined]));
}

/** The subscriptions a change is addressed to: `col/*` and `col/<id>`, the collection named by id or name. */
function addressees(broker: RealtimeBroker, c: Collection, id: string): Array<ReadonlySet<Entry>> {
  const names =
    c.name.toLowerCase() === c.id.toLowerCase() ? [c.id.toLowerCase()] : [c.id.toLowerCase(), c.name.toLowerCase()];
  const out: Array<ReadonlySet<Entry>> = [];
  for (const name of names) {
    for (const record of ['*', id]) {
      const set = broker.subscribers.record(name, record);
      if (set && set.size > 0) out.push(set);
    }
  }
  return out;
}

/** Subscribers who get the same payload: one presentation, then one frame each. */
interface PayloadGroup {
  key: string;
  /** whose request the payload is presented for */
  sample: Entry;
  entries: Entry[];
}

/** Subscribers who get the same verdict for any record: one rule check per change. */
interface VerdictGroup {
  key: string;
  gate: Gate;
  /** whose request the verdict is judged for */
  sample: Entry;
  /** by payload key */
  payloads: Map<string, PayloadGroup>;
}

/** The groups of one subscriber set, kept while the subscriptions, their auth and the rules stay the same. */
interface Grouping {
  version: number;
  rules: string;
  groups: VerdictGroup[];
}

/**
 * Fans record changes out to the subscriptions they concern, in commit order. For each
 * subscriber the collection rule (listRule for `col/*`, viewRule for `col/<id>`) and the
 * subscription's filter are judged against the written record; verdicts and payloads are shared
 * between subscribers whose difference the rule or the payload cannot see (a rule that reads
 * nothing of `@request.auth` is judged once per event, not once per subscriber).
 */
export class RecordFanout {
  /** the write phase of the last change pushed; each change writes only after the one before it */
  private last: Promise<void> = Promise.resolve();
  private pending = 0;
  private readonly keys = new WeakMap<Subscription, SharingKeys>();
  private readonly groupings = new WeakMap<ReadonlySet<Entry>, Grouping>();

  constructor(
    private readonly app: App,
    private readonly broker: RealtimeBroker,
    private readonly pick: FieldsPicker,
  ) {}

  /**
   * Judges and presents changes concurrently, but writes their frames in the order they were
   * pushed (commit order), so a subscriber sees changes in the order they committed, across records
   * too, while a slow rule query of one change does not hold up the judging of the next.
   */
  push(change: RecordChange): void {
    const sets = addressees(this.broker, change.collection, String(change.record.id ?? ''));
    if (sets.length === 0) return;
    const before = this.last;
    const prepared = this.prepare(change, sets);
    this.pending++;
    this.last = (async () => {
      try {
        const sends = await prepared;
        await before;
        const now = Date.now();
        for (const { entries, text } of sends) {
          for (const { client, sub } of entries) client.send(sub.key, text, now);
        }
      } catch (err) {
        this.app.log.error({ err, collection: change.collection.name }, 'realtime delivery failed');
      } finally {
        this.pending--;
      }
    })();
  }

  /** Resolves once every change pushed so far has been delivered. */
  async idle(): Promise<void> {
    while (this.pending > 0) await this.last;
  }

  /**
   * Who gets which text for one change (the frames are written by `push`, in order). Every distinct
   * verdict is started, then all are awaited at once; then the payloads of the groups that passed:
   * ten thousand subscribers cost a few awaits and, while nobody subscribes or signs in between two
   * changes, no work per subscriber before the writes.
   */
  private async prepare(
    change: RecordChange,
    sets: Array<ReadonlySet<Entry>>,
  ): Promise<Array<{ entries: Entry[]; text: string }>> {
    const { collection, record, action } = change;
    const rules = JSON.stringify([collection.listRule, collection.viewRule, collection.type]);
    const groupLists = sets.map((set) => this.groupsOf(set, collection, rules));
    const verdicts = new Map<string, Promise<boolean>>();
    for (const groups of groupLists) {
      for (const g of groups) {
        if (!verdicts.has(g.key))
          verdicts.set(g.key, recordPasses(this.app, collection, record, g.gate, this.infoOf(g.sample)));
      }
    }
    const passed = await settle(verdicts);
    const payloads = new Map<string, Promise<string | null>>();
    const sends: PayloadGroup[] = [];
    for (const groups of groupLists) {
      for (const g of groups) {
        if (!passed.get(g.key)) continue;
        for (const p of g.payloads.values()) {
          if (!payloads.has(p.key)) {
            const { query } = p.sample.sub;
            const json = presentForEvent(this.app, collection, record, this.infoOf(p.sample), query.expand ?? '').then(
              (value) => JSON.stringify({ action, record: this.pick(value, query.fields || undefined) }),
            );
            payloads.set(p.key, json);
          }
          sends.push(p);
        }
      }
    }
    const json = await settle(payloads);
    const out: Array<{ entries: Entry[]; text: string }> = [];
    for (const p of sends) {
      const text = json.get(p.key);
      if (text) out.push({ entries: p.entries, text });
    }
    return out;
  }

  /** The verdict and payload groups of a subscriber set, worked out again only when something they depend on changed. */
  private groupsOf(set: ReadonlySet<Entry>, collection: Collection, rules: string): VerdictGroup[] {
    const version = this.broker.subscribers.version;
    const known = this.groupings.get(set);
    if (known && known.version === version && known.rules === rules) return known.groups;
    const byVerdict = new Map<string, VerdictGroup>();
    for (const entry of set) {
      const { client, sub } = entry;
      const auth = client.auth;
      const rule = auth.isSuperuser ? '' : sub.record === '*' ? collection.listRule : collection.viewRule;
      if (rule === null) continue;
      const gate: Gate = { rule, filter: sub.query.filter ?? '' };
      const keys = this.keysOf(entry, gate, collection.type);
      let group = byVerdict.get(keys.verdict);
      if (!group) {
        group = { key: keys.verdict, gate, sample: entry, payloads: new Map() };
        byVerdict.set(keys.verdict, group);
      }
      let payload = group.payloads.get(keys.payload);
      if (!payload) {
        payload = { key: keys.payload, sample: entry, entries: [] };
        group.payloads.set(keys.payload, payload);
      }
      payload.entries.push(entry);
    }
    const groups = [...byVerdict.values()];
    this.groupings.set(set, { version, rules, groups });
    return groups;
  }

  /** The request a subscriber's verdict or payload is judged for. */
  private infoOf({ client, sub }: Entry): RequestInfo {
    return requestInfo(client.auth, { context: 'realtime', method: 'GET', query: sub.query, headers: sub.headers });
  }

  /** The sharing keys of a subscription for this event, remembered while nothing they depend on changed. */
  private keysOf({ client, sub }: Entry, gate: Gate, type: string): SharingKeys {
    const gateText = `${gate.rule}\u0000${gate.filter}`;
    let keys = this.keys.get(sub);
    if (!keys || keys.auth !== client.auth) {
      keys = { auth: client.auth, gate: '', verdict: '', type: '', payload: '' };
      this.keys.set(sub, keys);
    }
    if (keys.gate !== gateText) {
      keys.gate = gateText;
      keys.verdict = this.shareKey(gateText, client.auth, sub.query, sub.headers);
    }
    if (keys.type !== type || keys.payload === '') {
      const expand = sub.query.expand ?? '';
      const viewer =
        expand !== ''
          ? this.shareKey('@request.auth @request.query @request.headers', client.auth, sub.query, sub.headers)
          : type === 'auth'
            ? requesterKey(client.auth)
            : '';
      keys.type = type;
      keys.payload = `${viewer}\u0000${expand}\u0000${sub.query.fields ?? ''}`;
    }
    return keys;
  }

  /** A key that is equal for two subscribers exactly when `text` cannot tell them apart. */
  private shareKey(
    text: string,
    auth: Requester,
    query: Readonly<Record<string, string>>,
    headers: Readonly<Record<string, string>>,
  ): string {
    const reads = readsOf(text);
    const who = reads.auth ? requesterKey(auth) : auth.isSuperuser ? 'su' : 'user';
    return [text, who, reads.query ? JSON.stringify(query) : '', reads.headers ? JSON.stringify(headers) : ''].join(
      '\u0000',
    );
  }
}
