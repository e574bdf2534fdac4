import type { App } from '../../core/app.js';
import type { Collection } from '../../core/collection.js';
import { type RecordData, type Requester, type RequestInfo, requestInfo } from '../../core/request.js';
import type { RealtimeBroker } from './broker.js';
import { type Gate, readsOf, recordPasses } from './judge.js';
import { presentForEvent } from './present.js';
import type { Entry } from './subscribers.js';

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
function addressees(broker: RealtimeBroker, c: Collection, id: string): Entry[] {
  const names =
    c.name.toLowerCase() === c.id.toLowerCase() ? [c.id.toLowerCase()] : [c.id.toLowerCase(), c.name.toLowerCase()];
  const out: Entry[] = [];
  for (const name of names) {
    for (const e of broker.subscribers.record(name, '*') ?? []) out.push(e);
    for (const e of broker.subscribers.record(name, id) ?? []) out.push(e);
  }
  return out;
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
    const entries = addressees(this.broker, change.collection, String(change.record.id ?? ''));
    if (entries.length === 0) return;
    const before = this.last;
    const prepared = this.prepare(change, entries);
    this.pending++;
    this.last = (async () => {
      try {
        const sends = await prepared;
        await before;
        const now = Date.now();
        for (const { entry, text } of sends) entry.client.send(entry.sub.key, text, now);
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

  /** Who gets which text for one change (the frames are written by `push`, in order). */
  private async prepare(change: RecordChange, entries: Entry[]): Promise<Array<{ entry: Entry; text: string }>> {
    const { collection, record, action } = change;
    // every distinct verdict is started, then all are awaited at once; then the payloads of those
    // who passed: ten thousand subscribers cost a few awaits, not one per subscriber
    const verdicts = new Map<string, Promise<boolean>>();
    const plan: Array<{ entry: Entry; verdict: string; info: RequestInfo }> = [];
    for (const entry of entries) {
      const { client, sub } = entry;
      if (client.closed) continue;
      const auth = client.auth;
      const rule = auth.isSuperuser ? '' : sub.record === '*' ? collection.listRule : collection.viewRule;
      if (rule === null) continue;
      const gate: Gate = { rule, filter: sub.query.filter ?? '' };
      const verdict = this.shareKey(`${gate.rule}\u0000${gate.filter}`, auth, sub.query, sub.headers);
      const info = requestInfo(auth, { context: 'realtime', method: 'GET', query: sub.query, headers: sub.headers });
      if (!verdicts.has(verdict)) verdicts.set(verdict, recordPasses(this.app, collection, record, gate, info));
      plan.push({ entry, verdict, info });
    }
    const passed = await settle(verdicts);
    const payloads = new Map<string, Promise<string | null>>();
    const sends: Array<{ entry: Entry; payload: string }> = [];
    for (const { entry, verdict, info } of plan) {
      if (!passed.get(verdict)) continue;
      const { sub, client } = entry;
      const expand = sub.query.expand ?? '';
      const fields = sub.query.fields ?? '';
      const viewer =
        expand !== ''
          ? this.shareKey('@request.auth @request.query @request.headers', client.auth, sub.query, sub.headers)
          : collection.type === 'auth'
            ? requesterKey(client.auth)
            : '';
      const payload = `${viewer}\u0000${expand}\u0000${fields}`;
      if (!payloads.has(payload)) {
        const json = presentForEvent(this.app, collection, record, info, expand).then((value) =>
          JSON.stringify({ action, record: this.pick(value, fields || undefined) }),
        );
        payloads.set(payload, json);
      }
      sends.push({ entry, payload });
    }
    const json = await settle(payloads);
    const out: Array<{ entry: Entry; text: string }> = [];
    for (const { entry, payload } of sends) {
      const text = json.get(payload);
      if (text) out.push({ entry, text });
    }
    return out;
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
