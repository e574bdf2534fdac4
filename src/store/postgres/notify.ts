import pg from 'pg';

/** A change another instance (or this one: `self`) announced, or `resync` after the listener reconnected. */
export interface ChangeEvent {
  channel: string;
  payload: string;
  /** sent by this same store */
  self: boolean;
  /** notifications may have been missed while the connection was down: reload everything */
  resync: boolean;
}

export type ChangeHandler = (event: ChangeEvent) => void;

/** PostgreSQL caps a NOTIFY payload below 8000 bytes; the origin prefix takes a few. */
export const MAX_PAYLOAD_BYTES = 7900;

const RETRY_MIN_MS = 100;
const RETRY_MAX_MS = 5000;

/** Splits `origin|payload` as sent by `ChangeListener.wrap`. */
function unwrap(raw: string): { origin: string; payload: string } {
  const bar = raw.indexOf('|');
  return bar < 0 ? { origin: '', payload: raw } : { origin: raw.slice(0, bar), payload: raw.slice(bar + 1) };
}

/**
 * LISTEN on a dedicated connection that reconnects with backoff and re-subscribes; after a
 * reconnect every handler gets a `resync` event, since notifications sent meanwhile are lost.
 */
export class ChangeListener {
  private readonly handlers = new Map<string, Set<ChangeHandler>>();
  private client: pg.Client | null = null;
  private connecting: Promise<pg.Client> | null = null;
  private retryMs = RETRY_MIN_MS;
  private timer: NodeJS.Timeout | null = null;
  private closed = false;
  private everConnected = false;

  constructor(
    private readonly config: pg.ClientConfig,
    private readonly origin: string,
    private readonly quote: (id: string) => string,
    private readonly onError: (err: unknown) => void,
  ) {}

  wrap(payload: string): string {
    const text = `${this.origin}|${payload}`;
    if (Buffer.byteLength(text) > MAX_PAYLOAD_BYTES) throw new Error('notification payload too large');
    return text;
  }

  /** Subscribes; resolves once LISTEN is active. The returned function unsubscribes. */
  async subscribe(channel: string, handler: ChangeHandler): Promise<() => Promise<void>> {
    if (this.closed) throw new Error('the store is closed');
    let set = this.handlers.get(channel);
    const isNew = !set;
    if (!set) {
      set = new Set();
      this.handlers.set(channel, set);
    }
    set.add(handler);
    const client = await this.connection();
    if (isNew) await client.query(`LISTEN ${this.quote(channel)}`);
    return async () => {
      const current = this.handlers.get(channel);
      if (!current?.delete(handler) || current.size > 0) return;
      this.handlers.delete(channel);
      await this.client?.query(`UNLISTEN ${this.quote(channel)}`).catch(() => undefined);
    };
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    const client = this.client ?? (await this.connecting?.catch(() => null));
    this.client = null;
    await client?.end().catch(() => undefined);
  }

  private connection(): Promise<pg.Client> {
    if (this.client) return Promise.resolve(this.client);
    this.connecting ??= this.connect().finally(() => {
      this.connecting = null;
    });
    return this.connecting;
  }

  private async connect(): Promise<pg.Client> {
    const client = new pg.Client(this.config);
    client.on('notification', (msg) => this.dispatch(msg.channel, msg.payload ?? ''));
    client.on('error', (err) => {
      this.onError(err);
      this.lost(client);
    });
    client.on('end', () => this.lost(client));
    await client.connect();
    for (const channel of this.handlers.keys()) await client.query(`LISTEN ${this.quote(channel)}`);
    if (this.closed) {
      await client.end().catch(() => undefined);
      throw new Error('the store is closed');
    }
    this.client = client;
    this.retryMs = RETRY_MIN_MS;
    if (this.everConnected) this.resyncAll();
    this.everConnected = true;
    return client;
  }

  private lost(client: pg.Client): void {
    if (this.client !== client) return;
    this.client = null;
    client.end().catch(() => undefined);
    this.scheduleReconnect();
  }

  private scheduleReconnect(): void {
    if (this.closed || this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      if (this.closed || this.handlers.size === 0) return;
      this.connection().catch((err) => {
        this.onError(err);
        this.retryMs = Math.min(this.retryMs * 2, RETRY_MAX_MS);
        this.scheduleReconnect();
      });
    }, this.retryMs);
    this.timer.unref();
  }

  private dispatch(channel: string, raw: string): void {
    const { origin, payload } = unwrap(raw);
    this.emit(channel, { channel, payload, self: origin === this.origin, resync: false });
  }

  private resyncAll(): void {
    for (const channel of this.handlers.keys()) this.emit(channel, { channel, payload: '', self: false, resync: true });
  }

  private emit(channel: string, event: ChangeEvent): void {
    for (const handler of this.handlers.get(channel) ?? []) {
      try {
        handler(event);
      } catch (err) {
        this.onError(err);
      }
    }
  }
}
