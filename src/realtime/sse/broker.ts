import type { ServerResponse } from 'node:http';
import type { RealtimePort } from '../../core/realtime.js';
import { GUEST, type Requester } from '../../core/request.js';
import { ALPHANUMERIC, randomString } from '../../lib/random.js';
import { SseClient } from './client.js';
import { SubscriberIndex } from './subscribers.js';
import type { Subscription } from './topics.js';

/** Passes messages for clients this instance does not hold to the other instances (see cluster.ts). */
export interface Relay {
  publish(topic: string, json: string): Promise<void>;
  toClient(clientId: string, name: string, json: string): Promise<void>;
}

export interface BrokerOptions {
  /** a client that got no message for this long is disconnected (its SDK reconnects) */
  idleTimeoutMs: number;
  /** bytes a client may leave unread in its socket buffer before it is disconnected */
  maxBufferedBytes: number;
  /**
   * a stream older than this is ended even when busy (its SDK reconnects): a long-lived connection
   * cannot keep a client id (and its subscriptions) forever
   */
  maxLifetimeMs: number;
}

export const DEFAULT_BROKER_OPTIONS: BrokerOptions = {
  idleTimeoutMs: 5 * 60_000,
  maxBufferedBytes: 4 * 1024 * 1024,
  maxLifetimeMs: 30 * 60_000,
};

/** An auth record's identity as clients hold it. */
const authKey = (collectionId: string, id: string) => `${collectionId}/${id}`;

/**
 * The SSE clients of this instance: registration, subscriptions, custom topics and direct messages,
 * the idle timeout, and the auth each client subscribed with. Record events are fanned out by
 * record-fanout.ts over `subscribers`.
 */
export class RealtimeBroker implements RealtimePort {
  readonly clients = new Map<string, SseClient>();
  readonly subscribers = new SubscriberIndex();
  /** clients by the auth record they subscribed with, for the auth upkeep */
  private readonly byAuth = new Map<string, Set<SseClient>>();
  relay: Relay | null = null;
  options: BrokerOptions;
  private sweeper: NodeJS.Timeout | null = null;

  constructor(options: Partial<BrokerOptions> = {}) {
    this.options = { ...DEFAULT_BROKER_OPTIONS, ...options };
  }

  /** Registers a client on an SSE response whose headers are written, and greets it with PB_CONNECT. */
  connect(res: ServerResponse, ip: string): SseClient {
    const client = new SseClient(randomString(40, ALPHANUMERIC), res, this.options.maxBufferedBytes, Date.now(), ip);
    this.clients.set(client.id, client);
    res.once('close', () => this.disconnect(client));
    client.send('PB_CONNECT', JSON.stringify({ clientId: client.id }), Date.now());
    this.startSweeper();
    return client;
  }

  disconnect(client: SseClient): void {
    client.close();
    if (this.clients.get(client.id) !== client) return;
    this.clients.delete(client.id);
    this.subscribers.drop(client);
    this.unindexAuth(client);
  }

  clientCount(): number {
    return this.clients.size;
  }

  /** Ends every stream, e.g. when events may have been missed: the SDKs reconnect and resubscribe. */
  disconnectAll(): void {
    for (const client of [...this.clients.values()]) this.disconnect(client);
  }

  /** Binds `auth` to the client and replaces its subscriptions. */
  setSubscriptions(client: SseClient, auth: Requester, subs: readonly Subscription[]): void {
    this.unindexAuth(client);
    client.auth = auth;
    this.indexAuth(client);
    client.subscriptions = new Map(subs.map((s) => [s.key, s]));
    this.subscribers.replace(client, subs);
  }

  /** Clients holding the auth record `collectionId/id`. */
  clientsWithAuth(collectionId: string, id: string): SseClient[] {
    return [...(this.byAuth.get(authKey(collectionId, id)) ?? [])];
  }

  /** Replaces (or with null clears) the auth record held by `client`. */
  setAuth(client: SseClient, auth: Requester | null): void {
    this.unindexAuth(client);
    client.auth = auth ?? GUEST;
    this.indexAuth(client);
    this.subscribers.touch();
  }

  async publish(topic: string, data: unknown): Promise<number> {
    const json = JSON.stringify(data ?? null);
    // this instance's clients first: they need no database round trip
    const n = this.publishLocal(topic, json);
    await this.relay?.publish(topic, json);
    return n;
  }

  /** Sends `json` to every client of this instance subscribed to `topic`. */
  publishLocal(topic: string, json: string): number {
    let n = 0;
    const now = Date.now();
    for (const { client, sub } of this.subscribers.topic(topic) ?? []) if (client.send(sub.key, json, now)) n++;
    return n;
  }

  async sendToClient(clientId: string, name: string, data: unknown): Promise<boolean> {
    const json = JSON.stringify(data ?? null);
    if (this.sendLocal(clientId, name, json)) return true;
    if (!this.relay) return false;
    await this.relay.toClient(clientId, name, json);
    return true;
  }

  sendLocal(clientId: string, name: string, json: string): boolean {
    return this.clients.get(clientId)?.send(name, json, Date.now()) ?? false;
  }

  hasClient(clientId: string): boolean {
    return this.clients.has(clientId);
  }

  clientIp(clientId: string): string | null {
    return this.clients.get(clientId)?.ip ?? null;
  }

  isSubscribed(clientId: string, topic: string): boolean {
    const client = this.clients.get(clientId);
    if (!client) return false;
    for (const sub of client.subscriptions.values()) if (sub.topic === topic) return true;
    return false;
  }

  close(): void {
    if (this.sweeper) clearInterval(this.sweeper);
    this.sweeper = null;
    this.disconnectAll();
  }

  private startSweeper(): void {
    if (this.sweeper) return;
    const every = Math.max(50, Math.min(15_000, Math.floor(this.options.idleTimeoutMs / 4)));
    this.sweeper = setInterval(() => this.sweep(), every);
    this.sweeper.unref();
  }

  /** Disconnects the clients idle for longer than the timeout, or connected for longer than the lifetime. */
  sweep(): void {
    const now = Date.now();
    const idleSince = now - this.options.idleTimeoutMs;
    const bornBefore = now - this.options.maxLifetimeMs;
    for (const client of [...this.clients.values()]) {
      if (client.lastWrite < idleSince || client.connectedAt < bornBefore) this.disconnect(client);
    }
    if (this.clients.size === 0 && this.sweeper) {
      clearInterval(this.sweeper);
      this.sweeper = null;
    }
  }

  private indexAuth(client: SseClient): void {
    const { record, collection } = client.auth;
    if (!record || !collection) return;
    const key = authKey(collection.id, String(record.id));
    let set = this.byAuth.get(key);
    if (!set) {
      set = new Set();
      this.byAuth.set(key, set);
    }
    set.add(client);
  }

  private unindexAuth(client: SseClient): void {
    const { record, collection } = client.auth;
    if (!record || !collection) return;
    const key = authKey(collection.id, String(record.id));
    const set = this.byAuth.get(key);
    set?.delete(client);
    if (set?.size === 0) this.byAuth.delete(key);
  }
}
