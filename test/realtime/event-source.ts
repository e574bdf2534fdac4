import { parseSse } from './sse-stream.js';

type Listener = (e: { type: string; data: string; lastEventId: string }) => void;

/**
 * The part of the browser's EventSource the pocketbase SDK uses (addEventListener,
 * removeEventListener, onerror, close, lastEventId), over fetch streaming: Node 20 has no
 * EventSource of its own. Like a browser's, it reports an error when the stream ends or fails.
 */
export class TestEventSource {
  static readonly CONNECTING = 0;
  static readonly OPEN = 1;
  static readonly CLOSED = 2;
  /** every instance ever opened, for tests that look at the connections */
  static readonly opened: TestEventSource[] = [];

  readyState = TestEventSource.CONNECTING;
  onopen: ((e: unknown) => void) | null = null;
  onerror: ((e: unknown) => void) | null = null;
  onmessage: Listener | null = null;
  private readonly listeners = new Map<string, Set<Listener>>();
  private readonly abort = new AbortController();
  private lastEventId = '';

  constructor(readonly url: string) {
    TestEventSource.opened.push(this);
    void this.run();
  }

  addEventListener(type: string, fn: Listener): void {
    let set = this.listeners.get(type);
    if (!set) {
      set = new Set();
      this.listeners.set(type, set);
    }
    set.add(fn);
  }

  removeEventListener(type: string, fn: Listener): void {
    this.listeners.get(type)?.delete(fn);
  }

  close(): void {
    this.readyState = TestEventSource.CLOSED;
    this.abort.abort();
  }

  private async run(): Promise<void> {
    try {
      const res = await fetch(this.url, { headers: { accept: 'text/event-stream' }, signal: this.abort.signal });
      if (res.status !== 200 || !res.body) throw new Error(`status ${res.status}`);
      this.readyState = TestEventSource.OPEN;
      this.onopen?.({ type: 'open' });
      const decoder = new TextDecoder();
      let buffer = '';
      for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
        buffer += decoder.decode(chunk, { stream: true });
        const { messages, rest } = parseSse(buffer);
        buffer = rest;
        for (const m of messages) {
          if (m.id) this.lastEventId = m.id;
          const e = { type: m.event, data: m.data, lastEventId: this.lastEventId };
          if (m.event === 'message') this.onmessage?.(e);
          for (const fn of [...(this.listeners.get(m.event) ?? [])]) fn(e);
        }
      }
    } catch {
      // ended below
    }
    if (this.readyState === TestEventSource.CLOSED) return;
    this.readyState = TestEventSource.CLOSED;
    this.onerror?.({ type: 'error' });
  }
}

/** Installs TestEventSource as the global EventSource (what the SDK constructs). */
export function installEventSource(): void {
  (globalThis as unknown as { EventSource: unknown }).EventSource = TestEventSource;
}
