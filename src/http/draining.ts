import type { App } from '../core/app.js';

const draining = new WeakSet<App>();

/** Marks the app's server as stopping: readiness answers 503 from now on, while open requests finish. */
export function markDraining(app: App): void {
  draining.add(app);
}

/** True once the app's server has been told to stop. */
export function isDraining(app: App): boolean {
  return draining.has(app);
}
