import type { App } from '../../src/core/app.js';
import { EVENT_NAMES, type EventName } from '../../src/core/events.js';

/** Records which events of the catalogue fire, in order; bound first on every hook so nothing hides an event from it. */
export class EventLog {
  fired: EventName[] = [];

  constructor(app: App) {
    for (const name of EVENT_NAMES) {
      app.events[name].bind(
        (e) => {
          this.fired.push(name);
          return e.next();
        },
        { id: `test-event-log-${name}`, priority: Number.MIN_SAFE_INTEGER },
      );
    }
  }

  reset(): void {
    this.fired = [];
  }

  /** How often each fired event fired. */
  counts(): Partial<Record<EventName, number>> {
    const out: Partial<Record<EventName, number>> = {};
    for (const name of this.fired) out[name] = (out[name] ?? 0) + 1;
    return out;
  }
}
