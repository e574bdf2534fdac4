import type { App } from '../../core/app.js';
import { keepAuthCurrent } from './auth-upkeep.js';
import { type BrokerOptions, RealtimeBroker } from './broker.js';
import { followCluster } from './cluster.js';
import { followLocalWrites } from './local-feed.js';
import { type FieldsPicker, RecordFanout } from './record-fanout.js';

const brokers = new WeakMap<App, { broker: RealtimeBroker; fanout: RecordFanout }>();

/**
 * Starts realtime for `app`: the broker becomes `app.realtime`, and committed record writes reach
 * subscribers, from this process's commits alone (SQLite) or from every instance sharing the
 * database (PostgreSQL). `pick` applies a subscription's `fields`.
 */
export async function startRealtime(
  app: App,
  pick: FieldsPicker,
  options: Partial<BrokerOptions> = {},
): Promise<RealtimeBroker> {
  const broker = new RealtimeBroker(options);
  const fanout = new RecordFanout(app, broker, pick);
  const onRecord = (change: Parameters<RecordFanout['push']>[0]) => {
    keepAuthCurrent(broker, change);
    fanout.push(change);
  };
  const stop = app.store.dialect.caps.sharedByInstances
    ? await followCluster(app, broker, onRecord)
    : followLocalWrites(app, onRecord);
  app.realtime = broker;
  brokers.set(app, { broker, fanout });
  app.onClose(async () => {
    await stop();
    broker.close();
  });
  return broker;
}

/** The broker `startRealtime` installed on `app`. */
export function brokerOf(app: App): RealtimeBroker | undefined {
  return brokers.get(app)?.broker;
}

/** Resolves once every record change seen so far has been delivered (tests, shutdown). */
export async function realtimeIdle(app: App): Promise<void> {
  await brokers.get(app)?.fanout.idle();
}
