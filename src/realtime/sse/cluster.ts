import type { App } from '../../core/app.js';
import type { RecordModelEvent } from '../../core/events.js';
import type { Queryable } from '../../store/store.js';
import type { RealtimeBroker, Relay } from './broker.js';
import { Reassembler, toChunks } from './chunks.js';
import type { RecordAction, RecordChange } from './record-fanout.js';

const CHANNEL = 'basalt_realtime';
/** innermost of the model event handlers: it sees the record as the write stored it */
const LAST = Number.MAX_SAFE_INTEGER;

type Message =
  | { k: 'r'; a: RecordAction; c: string; r: Record<string, unknown> }
  | { k: 'p'; t: string; d: string }
  | { k: 'c'; i: string; n: string; d: string };

async function send(app: App, message: Message, via?: Queryable): Promise<void> {
  for (const chunk of toChunks(JSON.stringify(message))) await app.store.notify(CHANNEL, chunk, via);
}

/**
 * Realtime over several instances sharing one PostgreSQL database. Each record write queues a
 * NOTIFY in its own transaction: PostgreSQL delivers it only if that transaction commits, to every
 * instance, this one included, in commit order. Every instance (this one too) delivers record
 * events from that one ordered stream, so all subscribers see a record's changes in the order they
 * committed, whichever instance made them. Custom-topic messages and messages for a client held
 * elsewhere travel the same channel. When the listener had to reconnect, notifications may have
 * been lost: every client is disconnected, and the SDKs reconnect and resubscribe.
 */
export async function followCluster(
  app: App,
  broker: RealtimeBroker,
  onRecord: (change: RecordChange) => void,
): Promise<() => Promise<void>> {
  const parts = new Reassembler();
  const stopListening = await app.store.onChange(CHANNEL, (e) => {
    if (e.resync) {
      parts.clear();
      broker.disconnectAll();
      return;
    }
    const text = parts.add(e.payload);
    if (text === null) return;
    let m: Message;
    try {
      m = JSON.parse(text) as Message;
    } catch {
      return;
    }
    if (m.k === 'r') {
      const collection = app.collections.find(m.c);
      if (collection) onRecord({ action: m.a, collection, record: m.r });
    } else if (m.k === 'p' && !e.self) broker.publishLocal(m.t, m.d);
    else if (m.k === 'c' && !e.self) broker.sendLocal(m.i, m.n, m.d);
  });

  const relay: Relay = {
    publish: (t, d) => send(app, { k: 'p', t, d }),
    toClient: (i, n, d) => send(app, { k: 'c', i, n, d }),
  };
  broker.relay = relay;

  const announce = (a: RecordAction) => async (e: RecordModelEvent) => {
    await e.next();
    // password hashes are never shown, so they need not travel
    const record = { ...e.record };
    for (const f of e.collection.fields) if (f.type === 'password') delete record[f.name];
    await send(app, { k: 'r', a, c: e.collection.id, r: record }, e.db);
  };
  const ids = [
    app.events.onRecordCreate.bind(announce('create'), { priority: LAST }),
    app.events.onRecordUpdate.bind(announce('update'), { priority: LAST }),
    app.events.onRecordDelete.bind(announce('delete'), { priority: LAST }),
  ];
  return async () => {
    app.events.onRecordCreate.unbind(ids[0] as string);
    app.events.onRecordUpdate.unbind(ids[1] as string);
    app.events.onRecordDelete.unbind(ids[2] as string);
    broker.relay = null;
    await stopListening();
  };
}
