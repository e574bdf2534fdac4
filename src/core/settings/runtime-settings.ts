import { defaultSettings, type Settings } from './settings.js';

type Listener = (next: Readonly<Settings>, previous: Readonly<Settings>) => void;

/**
 * The settings in force, in memory. Readers call `get()` on each use (it is a field read), so a
 * change applies at once; parts that keep derived state (rate-limit counters, cron schedules)
 * subscribe with `onChange`. Loading from and saving to the database live beside this file.
 */
export class RuntimeSettings {
  private current: Readonly<Settings> = deepFreeze(defaultSettings());
  private readonly listeners = new Set<Listener>();

  get(): Readonly<Settings> {
    return this.current;
  }

  /** Puts `next` in force and tells the listeners; a listener that throws does not stop the others. */
  replace(next: Settings, onListenerError?: (err: unknown) => void): void {
    const previous = this.current;
    this.current = deepFreeze(structuredClone(next));
    for (const listener of this.listeners) {
      try {
        listener(this.current, previous);
      } catch (err) {
        onListenerError?.(err);
      }
    }
  }

  /** Calls `listener` after every change; the result unsubscribes. */
  onChange(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}

function deepFreeze<T>(value: T): Readonly<T> {
  if (value && typeof value === 'object') {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}
