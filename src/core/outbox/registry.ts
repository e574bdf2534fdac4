import type { App } from '../app.js';
import { OutboxWorker } from './worker.js';

const workers = new WeakMap<App, OutboxWorker>();

/** The app's outbox worker (created on first use; it sends only once started). */
export function outboxOf(app: App): OutboxWorker {
  let worker = workers.get(app);
  if (!worker) {
    worker = new OutboxWorker(app);
    workers.set(app, worker);
  }
  return worker;
}
